/**
 * LevelSwitch (levels changed while running: live loggers and their children
 * re-gated at once, disabled methods the shared no-op) and levelFromEnv
 * (records, functions, the real process environment in a child process).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import process from "node:process";
import { LevelSwitch } from "../src/core/levels/level_switch.ts";
import { levelFromEnv } from "../src/core/levels/level_from_env.ts";
import { LoggerConfiguration } from "../src/core/logger/logger_configuration.ts";
import { memorySink } from "../src/core/sinks/memory_sink.ts";
import { ManualScheduler } from "../src/core/runtime/manual_scheduler.ts";
import type { RuntimeAdapter, Writer } from "../src/core/runtime/runtime.ts";
import { fixturePath } from "./_helpers/child_process.ts";
import { currentRuntime, runtimeExecPath } from "./_helpers/runtime.ts";

const quiet: Writer = { write() {}, async close() {} };
const runtime = (): RuntimeAdapter => ({ name: "portable", scheduler: new ManualScheduler(), stdout: quiet, stderr: quiet });
const SYNC = { queue: { maxSize: 100, batchSize: 1, flushIntervalMs: 0 } };

describe("LevelSwitch", () => {
  it("re-gates the root logger and its existing children at once; a disabled call stays a shared no-op", async () => {
    const level = new LevelSwitch("information");
    const sink = memorySink();
    const log = new LoggerConfiguration({ runtime: runtime() }).minimumLevel(level).writeTo(sink).createLogger();
    const child = log.forContext("RequestId", "r1");
    const grandchild = child.forContext({ Step: 2 });
    // The disabled methods of every switch-driven logger, for each level, are one shared function.
    const other = new LoggerConfiguration({ runtime: runtime() }).minimumLevel(new LevelSwitch("fatal")).createLogger();
    assert.equal(log.debug, other.debug);
    assert.equal(grandchild.debug, other.debug);
    const fixed = new LoggerConfiguration({ runtime: runtime() }).createLogger();
    assert.notEqual(log.debug, fixed.debug, "fixed configurations keep the plain no-op");

    assert.equal(log.isEnabled("debug"), false);
    log.debug("before root");
    grandchild.debug("before child");

    level.level = "debug";
    assert.equal(level.level, "debug");
    assert.equal(child.isEnabled("debug"), true);
    log.debug("after root");
    grandchild.debug("after child");
    assert.notEqual(log.debug, other.debug, "swapped for an enabled method on its first call");
    child.verbose("still below");
    const late = log.forContext("Late", true); // created after the change
    late.debug("late child");

    level.level = "error";
    log.information("muted");
    late.warning("muted");
    child.error("loud");
    assert.equal(log.information, other.information, "swapped back to the shared no-op");
    assert.equal(log.info, log.information);
    assert.equal(late.warn, other.warning);
    assert.equal(grandchild.isEnabled("warning"), false);

    await log.flush();
    assert.deepEqual(sink.events.map((e) => e.template.text), ["after root", "after child", "late child", "loud"]);
    assert.equal(sink.events[1].properties.Step, 2);
    // A method taken off the logger (no `this`) never throws.
    const { debug } = log;
    assert.doesNotThrow(() => debug("detached"));
    await log.shutdown();
  });

  it("drives a minimumLevelOverride for one SourceContext only", async () => {
    const dbLevel = new LevelSwitch("warning");
    const sink = memorySink();
    const log = new LoggerConfiguration({ runtime: runtime() })
      .minimumLevel("information")
      .minimumLevelOverride("Db", dbLevel)
      .writeTo(sink)
      .createLogger();
    const db = log.forContext("SourceContext", "Db.Pool");
    db.information("db info muted");
    dbLevel.level = "verbose";
    db.verbose("db verbose");
    log.debug("root debug muted");
    log.information("root info");
    await log.flush();
    assert.deepEqual(sink.events.map((e) => e.template.text), ["db verbose", "root info"]);
    await log.shutdown();
  });

  it("one switch can drive several configurations; accepts aliases; rejects unknown levels with a TypeError", async () => {
    const level = new LevelSwitch("warn");
    assert.equal(level.level, "warning");
    const a = memorySink();
    const b = memorySink();
    const logA = new LoggerConfiguration({ runtime: runtime() }).minimumLevel(level).writeTo(a, SYNC).createLogger();
    const logB = new LoggerConfiguration({ runtime: runtime() }).minimumLevel(level).writeTo(b, SYNC).createLogger();
    level.level = "INFO";
    logA.info("a");
    logB.info("b");
    await Promise.all([logA.flush(), logB.flush()]);
    assert.deepEqual([a.events.length, b.events.length], [1, 1]);
    assert.throws(() => new LevelSwitch("loud"), (e: unknown) => e instanceof TypeError && /LevelSwitch: unknown log level "loud"/.test(e.message));
    assert.throws(() => {
      level.level = "nope";
    }, TypeError);
    assert.equal(level.level, "information", "a rejected value leaves the level as it was");
    await Promise.all([logA.shutdown(), logB.shutdown()]);
  });

  it("a configuration without switches does not track its loggers", () => {
    const log = new LoggerConfiguration({ runtime: runtime() }).minimumLevel("debug").createLogger();
    // Level methods stay fixed own properties: no switch can reach them.
    const before = log.debug;
    for (let i = 0; i < 10; i++) log.forContext("I", i);
    assert.equal(log.debug, before);
  });
});

describe("levelFromEnv", () => {
  it("reads a record or a function, with aliases; falls back when unset or empty", () => {
    assert.equal(levelFromEnv("LOG_LEVEL", "information", { LOG_LEVEL: "debug" }), "debug");
    assert.equal(levelFromEnv("LOG_LEVEL", "information", { LOG_LEVEL: " WARN " }), "warning");
    assert.equal(levelFromEnv("APP_LEVEL", "error", (name) => (name === "APP_LEVEL" ? "trace" : undefined)), "verbose");
    assert.equal(levelFromEnv("LOG_LEVEL", "warning", {}), "warning");
    assert.equal(levelFromEnv("LOG_LEVEL", "warn", { LOG_LEVEL: "" }), "warning");
    assert.equal(levelFromEnv(undefined, undefined, {}), "information");
  });

  it("throws a TypeError naming the variable and the value", () => {
    assert.throws(
      () => levelFromEnv("LOG_LEVEL", "information", { LOG_LEVEL: "loud" }),
      (e: unknown) => e instanceof TypeError && e.message.startsWith('levelFromEnv: LOG_LEVEL="loud" is not a log level'),
    );
    assert.throws(() => levelFromEnv("LOG_LEVEL", "nope", {}), /the fallback "nope" is not a log level/);
    assert.throws(() => levelFromEnv("LOG_LEVEL", "information", { LOG_LEVEL: 3 }), /LOG_LEVEL is not a string/);
    assert.throws(() => levelFromEnv("", "information", {}), TypeError);
  });

  function child(args: string[], env: Record<string, string>, denoFlags: string[] = ["-A"]): Promise<string> {
    const { LOG_LEVEL: _l, APP_LEVEL: _a, ...base } = process.env;
    const script = fixturePath("level_env_child");
    const argv = currentRuntime === "deno" ? ["run", ...denoFlags, script, ...args] : currentRuntime === "bun" ? ["run", script, ...args] : [script, ...args];
    return new Promise((resolve, reject) => {
      const p = spawn(runtimeExecPath(), argv, { stdio: ["ignore", "pipe", "pipe"], env: { ...base, ...env } });
      let out = "";
      let err = "";
      p.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
      p.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
      p.on("error", reject);
      p.on("close", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}: ${out} ${err}`))));
    });
  }

  it(`reads the real process environment (${currentRuntime})`, async () => {
    assert.equal(await child([], { LOG_LEVEL: "debug" }), "debug");
    assert.equal(await child([], {}), "information");
    assert.equal(await child(["APP_LEVEL", "error"], { APP_LEVEL: "Warning" }), "warning");
    assert.equal(await child(["APP_LEVEL", "error"], {}), "error");
    assert.match(await child([], { LOG_LEVEL: "loud" }), /^TypeError: levelFromEnv: LOG_LEVEL="loud" is not a log level/);
  });

  it("Deno without --allow-env: the fallback, no prompt, no error", { skip: currentRuntime !== "deno" && "Deno only" }, async () => {
    assert.equal(await child([], { LOG_LEVEL: "debug" }, ["--allow-read"]), "information");
    assert.equal(await child([], { LOG_LEVEL: "debug" }, ["--allow-read", "--allow-env=LOG_LEVEL"]), "debug");
  });
});
