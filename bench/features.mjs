// Costs of the features production teams reach for (issue 14), on whichever
// runtime runs this file: caller ns/call (p50 over samples) of the same call
// with and without redaction, and the cost of a library's getLogger() call
// before and after the application installs a logger. Prints one JSON line.
//
//   <runtime> bench/features.mjs
//
// @logging/core is imported from bench/.out (built by bench/run.sh).
const RUNTIME = typeof globalThis.Deno !== "undefined" ? "deno" : typeof globalThis.Bun !== "undefined" ? "bun" : "node";
const core = await import(new URL("./.out/mod.js", import.meta.url).href);
const { LoggerConfiguration, DEFAULT_REDACT_KEYS, getLogger, setGlobalLogger, lazy } = core;

const now = () => performance.now();
const nullSink = { name: "null", emit() {} };
const USER = { id: 42, name: "alice", password: "hunter2" };
const HEADERS = { accept: "json", authorization: "Bearer x" };

const yieldMacrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * p50 of ns/call over `samples` samples of `per` calls, after a warm-up; the
 * queue drains between samples (a macrotask yield), as in a server.
 */
async function measure(call, { per = 100, samples = 600, warm = 200 } = {}) {
  const out = [];
  let i = 0;
  for (let s = 0; s < warm + samples; s++) {
    const t0 = now();
    for (let j = 0; j < per; j++) call(i++);
    const ns = ((now() - t0) * 1e6) / per;
    if (s >= warm) out.push(ns);
    if (s % 4 === 3) await yieldMacrotask();
  }
  out.sort((a, b) => a - b);
  return out[out.length >> 1];
}

function logger(configure = (c) => c) {
  return configure(new LoggerConfiguration({ reportLosses: false }))
    .writeTo(nullSink, { queue: { maxSize: 100_000, batchSize: 512, flushIntervalMs: 1 } })
    .createLogger();
}

const call = (log) => (i) => log.information("Login {@user} with {@headers} #{N}", USER, HEADERS, i);
// The usual call: its properties are not among the redacted paths.
const usual = (log) => (i) => log.information("Processed {Count} for {User} in {Elapsed} ms", i, "alice", 0.25);
const results = { runtime: RUNTIME };

// Interleave the variants round by round so machine noise hits each alike.
// pino's example set: a few paths, none starting with a wildcard (a leading `*` must look at every property).
const PATHS = ["user.password", "headers.authorization", "password", "creditCard"];
const variants = {
  usual_plain: () => usual(logger()),
  usual_paths: () => usual(logger((c) => c.redact({ paths: PATHS }))),
  secrets_plain: () => call(logger()),
  secrets_paths: () => call(logger((c) => c.redact({ paths: PATHS }))),
  secrets_keys: () => call(logger((c) => c.redact({ keys: DEFAULT_REDACT_KEYS }))),
};
const rounds = {};
for (let r = 0; r < 3; r++) {
  for (const [name, make] of Object.entries(variants)) (rounds[name] ??= []).push(await measure(make()));
}
for (const [name, values] of Object.entries(rounds)) results[`caller_${name}_ns`] = Math.round(Math.min(...values));
const ratio = (a, b) => Math.round((a / b) * 100) / 100;
results.usual_paths_ratio = ratio(results.caller_usual_paths_ns, results.caller_usual_plain_ns);
results.secrets_paths_ratio = ratio(results.caller_secrets_paths_ns, results.caller_secrets_plain_ns);
results.secrets_keys_ratio = ratio(results.caller_secrets_keys_ns, results.caller_secrets_plain_ns);

// A disabled call, a library's logger before any is installed, and after (at a disabled level).
const disabledLog = logger();
const lib = getLogger(["bench", "lib"]);
const tight = (fn) => {
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const n = 2_000_000;
    const t0 = now();
    for (let i = 0; i < n; i++) fn(i);
    best = Math.min(best, ((now() - t0) * 1e6) / n);
  }
  return Math.round(best * 100) / 100;
};
results.disabled_ns = tight((i) => disabledLog.debug("x {N}", i));
setGlobalLogger(undefined);
results.getLogger_uninstalled_ns = tight((i) => lib.debug("x {N}", i));
setGlobalLogger(disabledLog);
results.getLogger_installed_disabled_ns = tight((i) => lib.debug("x {N}", i));
setGlobalLogger(undefined);
let evaluated = 0;
const expensive = lazy(() => ++evaluated);
results.lazy_disabled_ns = tight(() => disabledLog.debug("x {V}", expensive));
results.lazy_evaluations_at_disabled_level = evaluated;

console.log(JSON.stringify(results));
