// One benchmark case for one library, on whichever runtime runs this file
// (node, deno or bun). Prints one JSON line. Driven by bench/run.mjs; see
// bench/RESULTS.md for the method.
//
//   <runtime> bench/bench.mjs <case> <lib> [json options]
//
// cases: disabled | caller | e2e | burst | floor | drain | memory | bounds (core only)
// libs:  core | core-metrics | pino | logtape
//
// @logging/core is imported from bench/.out (tsc output of the sources, built
// by bench/run.sh), the same JavaScript on every runtime.
import * as fs from "node:fs";

const RUNTIME = typeof globalThis.Deno !== "undefined" ? "deno" : typeof globalThis.Bun !== "undefined" ? "bun" : "node";
const [caseName, libName, optionsJson] = (RUNTIME === "deno" ? globalThis.Deno.args : process.argv.slice(2));
const opts = optionsJson ? JSON.parse(optionsJson) : {};
// Where the compiled @logging/core lives (BENCH_CORE overrides, for A/B runs of two builds).
const env = (name) => (RUNTIME === "deno" ? globalThis.Deno.env.get(name) : process.env[name]);
const CORE = new URL((env("BENCH_CORE") ?? "./.out").replace(/\/?$/, "/"), import.meta.url);

const TEMPLATE = "Processed {Count} for {User} in {Elapsed} ms";
const PINO_MSG = "Processed request";
const USER = "alice";
const floatOf = (i) => (i & 1023) * 0.001 + 0.0005;

const now = () => performance.now();
const yieldMacrotask = () => new Promise((resolve) => setImmediate(resolve));
const collect = RUNTIME === "bun" ? () => globalThis.Bun.gc(true) : () => globalThis.gc?.();

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
function countLines(path) {
  const bytes = fs.readFileSync(path);
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
function freshFile(path) {
  try {
    fs.unlinkSync(path);
  } catch {
    // not there yet
  }
  return path;
}
let fileCounter = 0;
function tmpPath() {
  return `/dev/shm/logbench-${RUNTIME}-${libName}-${process.pid}-${fileCounter++}.log`;
}

// ---------------------------------------------------------------- libraries
// Each factory returns { info(i), debug(i), flush(): Promise, close(): Promise }.
// `close` ends the logger and resolves once every byte is written.

async function makeCore({ path, metrics = false, sink, sinkOptions = {} }) {
  const { LoggerConfiguration, clefFormatter } = await import(new URL("mod.js", CORE).href);
  const adapter = await import(new URL(`src/adapters/${RUNTIME}/mod.js`, CORE).href);
  const runtime = RUNTIME === "node" ? adapter.nodeRuntime() : RUNTIME === "deno" ? adapter.denoRuntime() : adapter.bunRuntime();
  const target = sink ?? adapter.fileSink(path, { formatter: clefFormatter() });
  const config = new LoggerConfiguration({ runtime }).minimumLevel("information").writeTo(target, sinkOptions);
  if (metrics) config.withMetrics();
  const log = config.createLogger();
  return {
    info: (i) => log.information(TEMPLATE, i, USER, floatOf(i)),
    debug: (i) => log.debug(TEMPLATE, i, USER, floatOf(i)),
    // Opens the file (first event, flushed) before the clock starts, as pino's 'ready' does.
    ready: async () => {
      log.information(TEMPLATE, -1, USER, 0.5);
      await log.flush();
    },
    flush: () => log.flush(),
    close: () => log.shutdown(),
    dropped: () => {
      const m = log.metrics();
      return m.sinks?.[0]?.dropped ?? undefined;
    },
    log,
  };
}

const PINO_DESTINATIONS = {
  // pino's fastest asynchronous destination (sonic-boom, buffered, fs.write on the libuv pool).
  async: { sync: false, minLength: 4096 },
  // For reference: synchronous writes, buffered to 4 KiB.
  sync: { sync: true, minLength: 4096 },
};

async function makePino({ path, stream }) {
  const { default: pino } = await import("pino");
  const dest = stream ?? pino.destination({ dest: path, ...PINO_DESTINATIONS[opts.pino ?? "async"] });
  if (stream === undefined) await new Promise((resolve) => dest.once("ready", resolve));
  const log = pino({ level: "info" }, dest);
  return {
    ready: async () => {
      log.info({ Count: -1, User: USER, Elapsed: 0.5 }, PINO_MSG);
      await new Promise((resolve) => dest.flush(resolve));
    },
    info: (i) => log.info({ Count: i, User: USER, Elapsed: floatOf(i) }, PINO_MSG),
    debug: (i) => log.debug({ Count: i, User: USER, Elapsed: floatOf(i) }, PINO_MSG),
    flush: () => new Promise((resolve, reject) => dest.flush((error) => (error ? reject(error) : resolve()))),
    close: () =>
      new Promise((resolve) => {
        dest.once("close", resolve);
        dest.end();
      }),
  };
}

async function makeLogtape({ path, sink }) {
  const lt = await import("@logtape/logtape");
  let target = sink;
  if (target === undefined) {
    const file = await import("@logtape/file");
    // opts.logtape chooses among LogTape's file sinks; run.mjs passes the one
    // measured fastest end to end on this runtime (see RESULTS.md).
    // getFileSink fsyncs on flush, which /dev/null refuses (EINVAL): the stream sink there.
    const kind = path === "/dev/null" ? "stream" : opts.logtape ?? "stream";
    target = kind === "stream"
      ? file.getStreamFileSink(path, { formatter: lt.jsonLinesFormatter, highWaterMark: 65536 })
      : file.getFileSink(path, {
        formatter: lt.jsonLinesFormatter,
        bufferSize: 65536,
        flushInterval: 0,
        nonBlocking: kind === "nonblocking",
      });
  }
  await lt.configure({
    reset: true,
    sinks: { out: target },
    loggers: [
      { category: ["bench"], lowestLevel: "info", sinks: ["out"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: [] },
    ],
  });
  const log = lt.getLogger(["bench"]);
  return {
    ready: async () => {
      log.info(TEMPLATE, { Count: -1, User: USER, Elapsed: 0.5 });
      await new Promise((resolve) => setTimeout(resolve, 5)); // let a stream sink open its file
    },
    info: (i) => log.info(TEMPLATE, { Count: i, User: USER, Elapsed: floatOf(i) }),
    debug: (i) => log.debug(TEMPLATE, { Count: i, User: USER, Elapsed: floatOf(i) }),
    flush: () => lt.dispose(), // LogTape's sinks flush on dispose only
    close: () => lt.dispose(),
  };
}

function make(lib, settings) {
  switch (lib) {
    case "core":
      return makeCore(settings);
    case "core-metrics":
      return makeCore({ ...settings, metrics: true });
    case "pino":
      return makePino(settings);
    case "logtape":
      return makeLogtape(settings);
  }
  throw new Error(`unknown lib ${lib}`);
}
const isCore = libName.startsWith("core");

// -------------------------------------------------------------------- cases

/** 1. A disabled level: tight loop, ns per call. */
async function disabled() {
  const logger = await make(libName, { path: "/dev/null" });
  const n = opts.n ?? 2_000_000;
  const rounds = [];
  for (let r = 0; r < (opts.rounds ?? 9); r++) {
    const t0 = now();
    for (let i = 0; i < n; i++) logger.debug(i);
    rounds.push(((now() - t0) * 1e6) / n);
  }
  // The fastest round: a disabled call is a few CPU cycles, and anything else
  // on the machine only adds time.
  return { ns: Math.min(...rounds.slice(2)) };
}

/**
 * 2. Caller-side cost into a queued file sink: calls are timed in samples of
 * `per` calls; `samples` samples make a round, and rounds are separated by a
 * macrotask yield (setImmediate) so queues drain between them, as in a server.
 */
async function caller() {
  const path = freshFile(tmpPath());
  const logger = await make(libName, { path });
  await logger.ready();
  const per = opts.per ?? 100;
  const samplesPerRound = opts.samples ?? 10;
  const warmRounds = opts.warm ?? 50;
  const rounds = opts.rounds ?? 300;
  const out = new Float64Array(rounds * samplesPerRound);
  let k = 0;
  let i = 0;
  for (let r = 0; r < warmRounds + rounds; r++) {
    for (let s = 0; s < samplesPerRound; s++) {
      const t0 = now();
      for (let j = 0; j < per; j++) logger.info(i++);
      const t = now() - t0;
      if (r >= warmRounds) out[k++] = (t * 1e6) / per;
    }
    await yieldMacrotask();
  }
  await logger.close();
  const lines = countLines(path);
  fs.unlinkSync(path);
  const sorted = Array.from(out).sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { mean, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), lines, expected: i + 1 };
}

/**
 * One end-to-end run: a new logger on a new file, `n` calls in rounds of
 * `round` with a yield between rounds, then close; the clock runs from the
 * first call until every byte is written. Returns ns/event (wall and CPU) and
 * checks the file's line count.
 */
async function e2eRun(lib, n, dest, round, settings = {}) {
  const path = dest === "null" ? "/dev/null" : freshFile(tmpPath());
  const logger = await make(lib, { path, ...settings });
  await logger.ready();
  const c0 = process.cpuUsage();
  const t0 = now();
  for (let i = 0; i < n;) {
    const end = Math.min(n, i + round);
    for (; i < end; i++) logger.info(i);
    await yieldMacrotask();
  }
  await logger.close();
  const t = now() - t0;
  const c = process.cpuUsage(c0);
  let lines = -1;
  if (dest !== "null") {
    lines = countLines(path);
    fs.unlinkSync(path);
    if (lines !== n + 1) throw new Error(`${lib}: ${lines} lines written, ${n + 1} expected`);
  }
  return { ns: (t * 1e6) / n, cpuNs: ((c.user + c.system) * 1e3) / n, lines };
}

/**
 * 3. End to end (see e2eRun): `warmRuns` untimed warm-up runs of at least
 * 30 000 events (so the JIT has settled), then `reps` timed runs; the median.
 */
async function e2e() {
  const dest = opts.dest ?? "shm";
  const n = opts.n ?? 100_000;
  const round = opts.round ?? 1000;
  const reps = opts.reps ?? 3;
  // Untimed warm-up runs: on V8 core's batch encoder reaches its steady
  // speed after about 200,000 events (the first timed runs of 50,000 after a
  // single warm-up run were 10-50 % slower than the later ones).
  for (let w = 0; w < (opts.warmRuns ?? 1); w++) await e2eRun(libName, Math.max(n, opts.warm ?? 30_000), dest, round);
  const runs = [];
  for (let rep = 0; rep < reps; rep++) runs.push(await e2eRun(libName, n, dest, round));
  return {
    ns: median(runs.map((r) => r.ns)),
    cpuNs: median(runs.map((r) => r.cpuNs)),
    lines: runs[0].lines,
    expected: dest === "null" ? -1 : n + 1,
  };
}

/**
 * 4. Metrics on vs off, in one process: end-to-end runs (see e2eRun) of
 * @logging/core without and with metrics, alternated, `trials` pairs after a
 * warm-up pair; reports the median of each and the median of the per-pair
 * ratios (adjacent runs share the machine's state, so the ratio is steadier
 * than either figure).
 */
async function metrics() {
  const n = opts.n ?? 20_000;
  const trials = opts.trials ?? 12;
  const off = [];
  const on = [];
  const ratios = [];
  const withMetrics = opts.aa ? "core" : "core-metrics"; // aa: an A/A run, to see the method's own bias
  await e2eRun("core", 30_000, "shm", 1000);
  await e2eRun(withMetrics, 30_000, "shm", 1000);
  for (let t = 0; t < trials; t++) {
    // Alternate which goes first, so neither always runs on a freshly collected heap.
    const first = t % 2 === 0;
    const a = first ? await e2eRun("core", n, "shm", 1000) : undefined;
    const b = await e2eRun(withMetrics, n, "shm", 1000);
    const c = first ? a : await e2eRun("core", n, "shm", 1000);
    off.push(c.ns);
    on.push(b.ns);
    ratios.push(b.ns / c.ns);
  }
  return { off: median(off), on: median(on), ratio: median(ratios), pct: (median(ratios) - 1) * 100 };
}

/**
 * Burst: `n` calls in one synchronous loop (no yield), then `flush()`.
 * @logging/core's queue holds the burst (`maxSize: 1 << 20, batchSize: 1024,
 * flushIntervalMs: 10`), so nothing is dropped; pino flushes its async
 * destination. The calls are timed `per` at a time (the p50 and p99 of the
 * per-sample ns/call are the caller's cost during the burst); the end-to-end
 * figure runs from the first call until flush() resolves. One logger and file
 * per process: an untimed warm-up burst, then `reps` bursts; medians. The file must hold every line.
 */
async function burst() {
  const n = opts.n ?? 100_000;
  const reps = opts.reps ?? 3;
  const per = opts.per ?? 100;
  const path = freshFile(tmpPath());
  const logger = await make(libName, {
    path,
    sinkOptions: { queue: { maxSize: 1 << 20, batchSize: 1024, flushIntervalMs: 10 } },
  });
  await logger.ready();
  const samples = new Float64Array(Math.floor(n / per));
  const callerNs = [];
  const totalNs = [];
  const p50s = [];
  const p99s = [];
  for (let rep = -1; rep < reps; rep++) {
    // No forced GC between bursts: the heap carries what earlier bursts left, as in an application.
    await yieldMacrotask();
    const t0 = now();
    let i = 0;
    for (let s = 0; s < samples.length; s++) {
      const ts = now();
      for (const end = i + per; i < end; i++) logger.info(i);
      samples[s] = ((now() - ts) * 1e6) / per;
    }
    for (; i < n; i++) logger.info(i);
    const t1 = now();
    await logger.flush();
    const t2 = now();
    if (rep < 0) continue; // warm-up
    callerNs.push(((t1 - t0) * 1e6) / n);
    totalNs.push(((t2 - t0) * 1e6) / n);
    const sorted = [...samples].sort((a, b) => a - b);
    p50s.push(percentile(sorted, 0.5));
    p99s.push(percentile(sorted, 0.99));
  }
  await logger.close();
  const lines = countLines(path);
  fs.unlinkSync(path);
  const expected = 1 + (reps + 1) * n;
  if (lines !== expected) throw new Error(`${libName}: ${lines} lines written, ${expected} expected`);
  return { caller: median(callerNs), p50: median(p50s), p99: median(p99s), ns: median(totalNs), lines, expected };
}

/**
 * The floor: the same CLEF line built by plain string concatenation (the
 * timestamp prefix cached per millisecond, numbers by `String`), appended to
 * a string written with `fs.writeSync` each time it reaches 64 KiB. No
 * queue, no capture, no escaping: what the bytes cost at least on this
 * runtime. `n` events per run; an untimed warm-up run, then the median of
 * `reps`. Also measured as a burst (its caller side is the whole cost).
 */
async function floor() {
  const n = opts.n ?? 100_000;
  const reps = opts.reps ?? 5;
  const path = freshFile(tmpPath());
  const fd = fs.openSync(path, "a");
  const head = '","@mt":"' + TEMPLATE + '","@i":"ce44fd70","Count":';
  const run = () => {
    let lastMs = -1;
    let prefix = "";
    let chunk = "";
    for (let i = 0; i < n; i++) {
      const t = Date.now();
      if (t !== lastMs) {
        lastMs = t;
        prefix = '{"@t":"' + new Date(t).toISOString() + head;
      }
      chunk += prefix + i + ',"User":"' + USER + '","Elapsed":' + floatOf(i) + "}\n";
      if (chunk.length >= 65536) {
        fs.writeSync(fd, chunk);
        chunk = "";
      }
    }
    if (chunk.length > 0) fs.writeSync(fd, chunk);
  };
  const times = [];
  for (let rep = -1; rep < reps; rep++) {
    collect();
    const t0 = now();
    run();
    const t = now() - t0;
    if (rep >= 0) times.push((t * 1e6) / n);
  }
  fs.closeSync(fd);
  const lines = countLines(path);
  fs.unlinkSync(path);
  if (lines !== (reps + 1) * n) throw new Error(`floor: ${lines} lines written, ${(reps + 1) * n} expected`);
  return { ns: median(times), lines };
}

/**
 * 5. Shutdown drain: 10 000 events queued without yielding, then the time to
 * write them all (core: `log.shutdown()`; pino: `dest.end()` until 'close';
 * LogTape: `dispose()`). `warm` untimed runs, then the median of `reps`.
 */
async function drain() {
  const n = opts.n ?? 10_000;
  const warm = opts.warm ?? 4; // untimed runs first: the drain's code is compiled by then
  const reps = warm + (opts.reps ?? 5);
  const drainMs = [];
  const enqueueNs = [];
  for (let rep = 0; rep < reps; rep++) {
    const path = freshFile(tmpPath());
    const logger = await make(libName, { path });
    await logger.ready();
    const t0 = now();
    for (let i = 0; i < n; i++) logger.info(i);
    const t1 = now();
    await logger.close();
    const t2 = now();
    const lines = countLines(path) - 1;
    fs.unlinkSync(path);
    if (lines !== n) throw new Error(`${libName}: ${lines} lines written, ${n} expected`);
    if (rep >= warm) {
      enqueueNs.push(((t1 - t0) * 1e6) / n);
      drainMs.push(t2 - t1);
    }
  }
  return { ms: median(drainMs), enqueueNs: median(enqueueNs), lines: n, expected: n };
}

function memoryNow() {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

/**
 * 6. Memory: a 1 000 000-event burst into a sink that never completes a
 * write. core: a stalled sink behind the queue with `memoryLimitBytes`
 * (queue maxSize above the burst, so the budget is what binds). pino: a
 * Writable whose write never calls back. LogTape: a stream sink over a
 * WritableStream whose write never settles.
 */
async function memory() {
  const n = opts.n ?? 1_000_000;
  const budget = opts.budget ?? 16 * 1024 * 1024;
  let logger;
  if (isCore) {
    const stalled = { name: "stalled", emit: () => new Promise(() => {}) };
    logger = await make(libName, { sink: stalled, sinkOptions: { memoryLimitBytes: budget, queue: { maxSize: 4 * n } } });
  } else if (libName === "pino") {
    const { Writable } = await import("node:stream");
    const stream = new Writable({ write() {} }); // never calls back: everything after the first write is buffered
    logger = await make(libName, { stream });
  } else {
    const lt = await import("@logtape/logtape");
    const stream = new WritableStream({ write: () => new Promise(() => {}) });
    logger = await make(libName, { sink: lt.getStreamSink(stream, { formatter: lt.jsonLinesFormatter }) });
  }
  for (let i = 0; i < 1000; i++) logger.info(i);
  await yieldMacrotask();
  collect();
  collect();
  const before = memoryNow();
  let peakHeap = before.heap;
  let peakRss = before.rss;
  const t0 = now();
  for (let i = 0; i < n; i++) {
    logger.info(i);
    if ((i & 0xffff) === 0) {
      const m = memoryNow();
      if (m.heap > peakHeap) peakHeap = m.heap;
      if (m.rss > peakRss) peakRss = m.rss;
    }
  }
  const t = now() - t0;
  await yieldMacrotask();
  collect();
  collect();
  const after = memoryNow();
  if (after.rss > peakRss) peakRss = after.rss;
  const result = {
    budget: isCore ? budget : null,
    heapGrowth: after.heap - before.heap,
    rssGrowth: after.rss - before.rss,
    peakHeapGrowth: peakHeap - before.heap,
    peakRssGrowth: peakRss - before.rss,
    callNs: (t * 1e6) / n,
  };
  if (isCore) {
    const sink = logger.log.metrics().sinks[0];
    result.queued = sink.queueDepth;
    result.queuedBytes = sink.queuedBytes;
  }
  return result;
}

/**
 * 7. Bounds: hostile inputs into a stalled sink with `memoryLimitBytes`
 * (default 16 MiB). Kinds:
 * - `string`: `n` (1,500) calls, each with a distinct 1 MiB string;
 * - `structures` | `errors`: `n` (50,000) calls with a distinct nested object
 *   (`{@User}`, 17 values) or an Error with a cause and two properties;
 * - `template`: `n` (3,000) calls, each with a distinct 64 KiB template;
 * - `short-templates`: `n` (200,000) calls, each with a distinct 42-character
 *   template (a message built from data: `"User " + i + " signed in…"`);
 * - `wide-props` | `wide-forContext` | `wide-context`: `n` (20) calls with a
 *   `keys`-key object (1,000,000) as a pino-style properties object, through
 *   `forContext(obj)` (the child logger is made inside the timed call), or
 *   through `LogContext.run(obj, …)`.
 * Reports heap + external memory after GC against the budget, every drop
 * (queued + dropped = calls), the worst and median single-call time, and
 * the time of a bare `for…in` over the same object (what the engine itself
 * costs to enumerate its keys).
 */
async function bounds() {
  const kind = opts.kind ?? "string";
  const budget = opts.budget ?? 16 * 1024 * 1024;
  const { LoggerConfiguration, LogContext } = await import(new URL("mod.js", CORE).href);
  const adapter = await import(new URL(`src/adapters/${RUNTIME}/mod.js`, CORE).href);
  const runtime = RUNTIME === "node" ? adapter.nodeRuntime() : RUNTIME === "deno" ? adapter.denoRuntime() : adapter.bunRuntime();
  const stalled = { name: "stalled", emit: () => new Promise(() => {}) };
  // batchSize 1: the stalled sink holds one event, so the queue's estimate covers all the others.
  const log = new LoggerConfiguration({ runtime }).writeTo(stalled, { memoryLimitBytes: budget, queue: { maxSize: 1_000_000, batchSize: 1 } })
    .withMetrics().createLogger();
  const memNow = () => {
    const m = process.memoryUsage();
    return { heap: m.heapUsed, external: m.external ?? 0 };
  };
  const wide = kind.startsWith("wide");
  const n = opts.n ?? (kind === "string" ? 1_500 : kind === "template" ? 3_000 : kind === "structures" || kind === "errors" ? 50_000 : kind === "short-templates" ? 200_000 : 20);
  let object;
  let forinMs;
  if (wide) {
    object = {};
    const keys = opts.keys ?? 1_000_000;
    for (let k = 0; k < keys; k++) object["key" + k] = k;
    const t0 = now();
    for (const _ in object) break;
    forinMs = now() - t0;
  }
  log.information("warm-up {I}", 0);
  await yieldMacrotask();
  collect();
  collect();
  const before = memNow();
  const times = new Float64Array(n);
  const MiB = 1 << 20;
  for (let i = 0; i < n; i++) {
    let t0;
    if (kind === "string") {
      // Distinct and flat: a 1 MiB string no other string shares.
      const value = (String.fromCharCode(65 + (i % 26)) + i + " ").repeat(Math.ceil(MiB / (String(i).length + 2))).slice(0, MiB);
      value.charCodeAt(0);
      t0 = now();
      log.information("Body {Body}", value);
    } else if (kind === "template") {
      const template = `Item {I} ${i} ` + "x".repeat(64 * 1024 - 16) + i;
      template.charCodeAt(0);
      t0 = now();
      log.information(template, i);
    } else if (kind === "short-templates") {
      const template = "User " + i + " signed in from {Ip} after {Ms} ms";
      t0 = now();
      log.information(template, "10.0.0.1", i);
    } else if (kind === "structures") {
      const value = { id: i, name: "user-" + i, tags: ["a" + i, "b", "c"], address: { street: "Main " + i, zip: 10_000 + i, geo: { lat: i / 7, lon: i / 11 } }, scores: [i, i + 1, i + 2, i + 3] };
      t0 = now();
      log.information("User {@User}", value);
    } else if (kind === "errors") {
      const error = Object.assign(new Error("request " + i + " failed", { cause: new TypeError("socket " + i + " closed") }), { code: "E" + i, attempt: i % 5 });
      t0 = now();
      log.error(error, "Request {Id} failed", i);
    } else if (kind === "wide-props") {
      t0 = now();
      log.information(object, "Wide {I}", i);
    } else if (kind === "wide-forContext") {
      t0 = now();
      log.forContext(object).information("Wide {I}", i);
    } else {
      t0 = now();
      LogContext.run(object, () => log.information("Wide {I}", i));
    }
    times[i] = now() - t0;
  }
  // `object` stays alive until after the measurement, so the growth is what the events keep.
  await yieldMacrotask();
  collect();
  collect();
  const after = memNow();
  const sink = log.metrics().sinks[0];
  const sorted = Array.from(times).sort((a, b) => a - b);
  return {
    kind,
    budget,
    calls: n,
    heapGrowth: after.heap - before.heap,
    externalGrowth: after.external - before.external,
    // Bun reports a string's buffer in heapUsed (JavaScriptCore's extra memory) and again in
    // external (measured: 500 flat 32 KiB strings → heapUsed +16.1 MB, external +16.4 MB, RSS
    // +21.8 MB), so there the heap alone is what is retained.
    retainedGrowth: after.heap - before.heap + (RUNTIME === "bun" ? 0 : after.external - before.external),
    queued: sink.queueDepth,
    queuedBytes: sink.queuedBytes,
    estimateBytes: sink.queuedBytes,
    received: sink.received,
    dropped: sink.dropped.total,
    droppedMemoryLimit: sink.dropped.memoryLimit,
    // What is neither queued nor dropped is in the batch the stalled sink holds.
    inFlight: sink.received - sink.queueDepth - sink.dropped.total,
    accounted: sink.received === n + 1,
    worstMs: sorted[sorted.length - 1],
    top5Ms: sorted.slice(-5).map((x) => +x.toFixed(2)),
    medianMs: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    forinMs,
    keys: object === undefined ? undefined : opts.keys ?? 1_000_000,
  };
}

const cases = { disabled, caller, e2e, metrics, burst, floor, drain, memory, bounds };
const run = cases[caseName];
if (run === undefined) throw new Error(`unknown case ${caseName}`);
const result = await run();
console.log(JSON.stringify({ runtime: RUNTIME, case: caseName, lib: libName, opts, ...result }));
// Exit explicitly: stalled sinks and pending timers must not keep the process alive.
if (RUNTIME === "deno") globalThis.Deno.exit(0);
else process.exit(0);
