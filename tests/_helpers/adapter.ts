/** The adapter (runtime, fileSink, file system) of the runtime running the tests. */
import type { RuntimeAdapter } from "../../src/core/runtime/runtime.ts";
import type { FileSinkOptions } from "../../src/core/rolling/file_sink_options.ts";
import type { RollingFileSink } from "../../src/core/rolling/rolling_file_sink.ts";
import type { SyncFileSystem } from "../../src/core/rolling/sync_file_system.ts";
import * as node from "../../src/adapters/node/mod.ts";
import * as deno from "../../src/adapters/deno/mod.ts";
import * as bun from "../../src/adapters/bun/mod.ts";
import { currentRuntime } from "./runtime.ts";

export interface TestAdapter {
  runtime(): RuntimeAdapter;
  fileSink(path: string, options?: FileSinkOptions): RollingFileSink;
  fileSystem(): SyncFileSystem;
}

export const adapter: TestAdapter = currentRuntime === "deno"
  ? { runtime: () => deno.denoRuntime(), fileSink: deno.fileSink, fileSystem: deno.denoFileSystem }
  : currentRuntime === "bun"
  ? { runtime: () => bun.bunRuntime(), fileSink: bun.fileSink, fileSystem: bun.bunFileSystem }
  : { runtime: () => node.nodeRuntime(), fileSink: node.fileSink, fileSystem: node.nodeFileSystem };
