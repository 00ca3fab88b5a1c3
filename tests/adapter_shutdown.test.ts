import { describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { adapter } from "./_helpers/adapter.ts";
import { runFixture } from "./_helpers/child_process.ts";
import { currentRuntime } from "./_helpers/runtime.ts";

/** The exit code the synchronous hook hears: Deno's `unload` does not tell it. */
const exitCode = (code: number): string => currentRuntime === "deno" ? "-" : String(code);

function hookLines(stdout: string): string[] {
  return stdout.split("\n").filter((l) => l.startsWith("hook"));
}

describe(`shutdown hooks (${currentRuntime})`, () => {
  it("run on SIGTERM with exit code 143, then the process exits with it", async () => {
    const r = await runFixture("shutdown_child", ["signal"], {
      onLine: (line, child) => line === "ready" && child.kill("SIGTERM"),
    });
    assert.equal(r.code, 143, r.stderr);
    assert.deepEqual(hookLines(r.stdout), ["hook SIGTERM:143:async", `hook exit:${exitCode(143)}:sync`]);
  });

  it("run on SIGINT with exit code 130", async () => {
    const r = await runFixture("shutdown_child", ["signal"], {
      onLine: (line, child) => line === "ready" && child.kill("SIGINT"),
    });
    assert.equal(r.code, 130, r.stderr);
    assert.equal(hookLines(r.stdout)[0], "hook SIGINT:130:async");
  });

  it("run on SIGHUP with exit code 129", async () => {
    const r = await runFixture("shutdown_child", ["signal"], {
      onLine: (line, child) => line === "ready" && child.kill("SIGHUP"),
    });
    assert.equal(r.code, 129, r.stderr);
    assert.equal(hookLines(r.stdout)[0], "hook SIGHUP:129:async");
  });

  it("a second signal while the hooks run exits at once, after the synchronous hook", async () => {
    const started = Date.now();
    const r = await runFixture("shutdown_child", ["second-signal"], {
      onLine: (line, child) => {
        if (line === "ready") child.kill("SIGTERM");
        if (line === "hook-started") child.kill("SIGTERM");
      },
    });
    assert.equal(r.code, 143, r.stderr);
    assert.ok(Date.now() - started < 20_000);
    assert.deepEqual(hookLines(r.stdout), ["hook-started", "hook exit:143:sync"], "the synchronous hook ran once, the async one never finished");
  });

  it("when the program ends: beforeExit (awaited), then the synchronous last chance", async () => {
    const r = await runFixture("shutdown_child", ["end"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(hookLines(r.stdout), ["hook beforeExit:-:async", `hook exit:${exitCode(0)}:sync`]);
  });

  it("on an explicit exit: only the synchronous hook, and the exit code is kept", async () => {
    const r = await runFixture("shutdown_child", ["exit"]);
    assert.equal(r.code, 3, r.stderr);
    assert.deepEqual(hookLines(r.stdout), [`hook exit:${exitCode(3)}:sync`]);
  });

  it("once the last hook is unregistered, a signal has its default effect again", async () => {
    const r = await runFixture("shutdown_child", ["unregistered"], {
      onLine: (line, child) => line === "ready" && child.kill("SIGTERM"),
    });
    assert.equal(r.signal, "SIGTERM", `code ${r.code}, stderr ${r.stderr}`);
    assert.deepEqual(hookLines(r.stdout), []);
  });

  if (currentRuntime !== "deno") {
    it("adds exit listeners with the first hook, signal listeners only for hooks that ask, and removes them with the last", () => {
      const events = ["SIGTERM", "SIGINT", "SIGHUP", "beforeExit", "exit"] as const;
      const count = (): number[] => events.map((e) => process.listenerCount(e));
      const before = count();
      const runtime = adapter.runtime();
      const a = runtime.onShutdown?.(() => {});
      assert.deepEqual(count(), before.map((n, i) => n + (i >= 3 ? 1 : 0)), "no signal listener without signals");
      const b = runtime.onShutdown?.(() => {}, { signals: ["SIGTERM", "SIGINT", "SIGHUP"] });
      assert.deepEqual(count(), before.map((n) => n + 1));
      b?.();
      b?.();
      assert.deepEqual(count(), before.map((n, i) => n + (i >= 3 ? 1 : 0)));
      a?.();
      assert.deepEqual(count(), before);
    });
  }
});

describe(`${currentRuntime} runtime adapter`, () => {
  it("has the runtime's name, a scheduler, writers, a file system and env", async () => {
    const runtime = adapter.runtime();
    assert.equal(runtime.name, currentRuntime);
    assert.equal(typeof runtime.fs?.openAppend, "function");
    assert.equal(runtime.env?.("PATH"), process.env.PATH);
    assert.equal(runtime.env?.("LOGGING_CORE_SURELY_UNSET"), undefined);
    const s = runtime.scheduler;
    const t0 = s.now();
    assert.ok(Math.abs(s.wallClock() - Date.now()) < 1000);
    await new Promise<void>((resolve) => s.setTimeout(resolve, 5));
    assert.ok(s.now() - t0 >= 4);
    let fired = false;
    const id = s.setTimeout(() => (fired = true), 1);
    s.clearTimeout(id);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(fired, false);
    // A background timer does not keep a process alive; a default one does until it fires.
    const r = await runFixture("shutdown_child", ["unref-timer"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes("timer fired"));
    const kept = await runFixture("shutdown_child", ["keepalive-timer"]);
    assert.equal(kept.code, 0, kept.stderr);
    assert.ok(kept.stdout.includes("timer fired"));
    assert.equal(typeof runtime.stdout.writeSync, "function");
    assert.equal(typeof runtime.stderr.write, "function");
  });

  it("carries context across awaits and timers with AsyncLocalStorage", async () => {
    const storage = adapter.runtime().contextStorage;
    assert.ok(storage);
    assert.equal(storage.get(), undefined);
    const seen = await storage.run({ requestId: "r-1" }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      const inner = await storage.run({ requestId: "r-2" }, async () => {
        await Promise.resolve();
        return storage.get();
      });
      return [storage.get(), inner];
    });
    assert.deepEqual(seen, [{ requestId: "r-1" }, { requestId: "r-2" }]);
    assert.equal(storage.get(), undefined);
  });
});
