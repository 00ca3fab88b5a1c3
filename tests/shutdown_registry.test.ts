/**
 * The decisions of the shutdown registry (when to exit, with which code, who
 * hears what), over fake primitives. The real listeners are exercised in
 * child processes by adapter_shutdown.test.ts and zero_loss_lifecycle.test.ts.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createShutdownRegistry } from "../src/core/lifecycle/shutdown_registry.ts";
import type { ShutdownSignal, ShutdownSignalName } from "../mod.ts";

function fakeProcess(options: { othersListen?: boolean } = {}) {
  const listeners = new Map<ShutdownSignalName, () => void>();
  const exits: number[] = [];
  let exitListening = false;
  const registry = createShutdownRegistry({
    listenForExit: () => void (exitListening = true),
    stopListeningForExit: () => void (exitListening = false),
    listenForSignal: (name, listener) => void listeners.set(name, listener),
    stopListeningForSignal: (name) => void listeners.delete(name),
    othersListen: () => options.othersListen === true,
    exit: (code) => void exits.push(code),
  });
  return {
    registry,
    exits,
    listening: () => [...listeners.keys()].sort(),
    exitListening: () => exitListening,
    send: (name: ShutdownSignalName) => listeners.get(name)?.(),
  };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("shutdown registry", () => {
  it("listens for exit with the first registration and for a signal only while a registration wants it", () => {
    const p = fakeProcess();
    const a = p.registry.register(() => {});
    assert.equal(p.exitListening(), true);
    assert.deepEqual(p.listening(), []);
    const b = p.registry.register(() => {}, { signals: ["SIGTERM", "SIGHUP"] });
    assert.deepEqual(p.listening(), ["SIGHUP", "SIGTERM"]);
    b();
    assert.deepEqual(p.listening(), []);
    a();
    assert.equal(p.exitListening(), false);
  });

  it("a signal runs the hooks that asked for it, then exits with 128 + n", async () => {
    const p = fakeProcess();
    const heard: string[] = [];
    p.registry.register((s) => void heard.push(`a ${s.reason}`), { signals: ["SIGINT"] });
    p.registry.register((s) => void heard.push(`b ${s.reason}`));
    p.send("SIGINT");
    await settle();
    assert.deepEqual(heard, ["a SIGINT"]);
    assert.deepEqual(p.exits, [130]);
  });

  it("does not exit when the application listens too, unless a registration insists", async () => {
    const p = fakeProcess({ othersListen: true });
    const seen: ShutdownSignal[] = [];
    p.registry.register((s) => void seen.push(s), { signals: ["SIGTERM"] });
    p.send("SIGTERM");
    await settle();
    assert.equal(seen[0].appExits, true);
    assert.deepEqual(p.exits, []);
    p.registry.register(() => {}, { signals: ["SIGTERM"], exitOnSignal: true });
    p.send("SIGTERM");
    await settle();
    assert.deepEqual(p.exits, [143]);
  });

  it("does not exit when every hook answers \"continue\" (reopen on SIGHUP)", async () => {
    const p = fakeProcess();
    p.registry.register(() => "continue", { signals: ["SIGHUP"] });
    p.send("SIGHUP");
    await settle();
    assert.deepEqual(p.exits, []);
  });

  it("a second signal while the hooks run calls the synchronous exit hooks once and exits at once", async () => {
    const p = fakeProcess();
    const heard: string[] = [];
    p.registry.register((s) => {
      heard.push(`${s.reason}:${s.exitCode}:${s.synchronous === true}`);
      if (!s.synchronous) return new Promise<void>(() => {});
    }, { signals: ["SIGTERM"] });
    p.send("SIGTERM");
    p.send("SIGTERM");
    p.registry.exit(143); // the runtime's own exit event that follows
    assert.deepEqual(heard, ["SIGTERM:143:false", "exit:143:true"]);
    assert.deepEqual(p.exits, [143]);
  });

  it("tells each registration of beforeExit once, and reports while its work runs", async () => {
    const p = fakeProcess();
    let calls = 0;
    let finish = (): void => {};
    p.registry.register(() => {
      calls++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    assert.equal(p.registry.beforeExit(), true);
    assert.equal(p.registry.beforeExit(), true, "still running");
    finish();
    await settle();
    assert.equal(p.registry.beforeExit(), false);
    assert.equal(calls, 1);
  });
});
