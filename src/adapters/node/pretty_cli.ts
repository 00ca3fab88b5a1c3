#!/usr/bin/env node
/**
 * The `logging-core` command (package.json `bin`): `logging-core pretty
 * [options] [files...]` prints CLEF logs for people. The reading and
 * rendering are core code (`src/core/cli`); this file only does the I/O, with
 * Node APIs (so it also runs under Bun and Deno).
 *
 * @module
 */
import process from "node:process";
import { type FileHandle, open, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parsePrettyArgs, PRETTY_USAGE } from "../../core/cli/pretty_options.ts";
import { prettyPrinter, type PrettyPrinter } from "../../core/cli/pretty_printer.ts";
import { autoColour } from "../../core/sinks/colour_support.ts";
import { streamWriter } from "../shared/stream_writer.ts";

const FOLLOW_POLL_MS = 200;
const out = streamWriter(process.stdout, 1);

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "-h" || command === "--help" || command === "help") {
    await out.write(PRETTY_USAGE);
    return 0;
  }
  if (command !== "pretty") {
    process.stderr.write(`logging-core: ${command === undefined ? "missing command" : `unknown command ${JSON.stringify(command)}`}\n\n${PRETTY_USAGE}`);
    return 2;
  }
  const parsed = parsePrettyArgs(rest);
  if (parsed === "help") {
    await out.write(PRETTY_USAGE);
    return 0;
  }
  if ("error" in parsed) {
    process.stderr.write(`logging-core pretty: ${parsed.error}\n\n${PRETTY_USAGE}`);
    return 2;
  }
  const colour = parsed.colour === "always" ||
    (parsed.colour === "auto" && autoColour({ isTerminal: process.stdout.isTTY === true, env: (name) => process.env[name] }));
  const printer = prettyPrinter(parsed, colour);
  if (parsed.files.length === 0) return await printStdin(printer);
  let status = 0;
  for (let i = 0; i < parsed.files.length; i++) {
    const follow = parsed.follow && i === parsed.files.length - 1;
    status = Math.max(status, await printFile(parsed.files[i], printer, follow));
  }
  return status;
}

async function print(printer: PrettyPrinter, line: string): Promise<void> {
  const text = printer.line(line.endsWith("\r") ? line.slice(0, -1) : line);
  if (text !== "") await out.write(text);
}

async function printStdin(printer: PrettyPrinter): Promise<number> {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    await print(printer, line);
  }
  return 0;
}

/**
 * Prints a file line by line; with `follow`, keeps polling for appended bytes,
 * starting over when the file shrinks (truncated) and reopening the path when
 * it names another file (rotated: renamed away and created anew).
 */
async function printFile(path: string, printer: PrettyPrinter, follow: boolean): Promise<number> {
  if (path === "-") return await printStdin(printer);
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    process.stderr.write(`logging-core pretty: cannot read ${path}: ${(error as Error).message}\n`);
    return 1;
  }
  const buffer = new Uint8Array(64 * 1024);
  let decoder = new TextDecoder();
  let position = 0;
  let pending = "";
  // Reads from `position` to the current end of the open file, printing whole lines.
  const drain = async (): Promise<void> => {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      pending += decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
      let nl: number;
      while ((nl = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        await print(printer, line);
      }
    }
  };
  const restart = (): void => {
    position = 0;
    pending = "";
    decoder = new TextDecoder();
  };
  try {
    for (;;) {
      await drain();
      if (!follow) break;
      const current = await handle.stat();
      const atPath = await stat(path).catch(() => undefined);
      if (atPath !== undefined && (atPath.ino !== current.ino || atPath.dev !== current.dev)) {
        // Rotated (renamed away, created anew): finish the old file, then follow the new one.
        await drain();
        pending += decoder.decode();
        if (pending !== "") await print(printer, pending);
        await handle.close();
        handle = await open(path, "r");
        restart();
        continue;
      }
      if (current.size < position) {
        restart(); // truncated: read again from the start
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
    }
    pending += decoder.decode();
    if (pending !== "") await print(printer, pending);
    return 0;
  } finally {
    await handle.close();
  }
}

// `logging-core pretty … | head`: a closed stdout ends the program quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`logging-core: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
