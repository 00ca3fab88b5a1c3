import pino from "pino";
import fs from "node:fs";
const variants = {
  "async-min4096": { sync: false, minLength: 4096 },
  "async-min0": { sync: false },
  "sync": { sync: true },
  "sync-min4096": { sync: true, minLength: 4096 }, "async-min65536": { sync: false, minLength: 65536 },
};
const which = process.argv[2];
const dest = pino.destination({ dest: "/dev/shm/p.log", ...variants[which] });
await new Promise(r => dest.once("ready", r));
const log = pino({level:"info"}, dest);
const f = (i) => (i & 1023) * 0.001 + 0.0005;
const N = 200000;
let t0 = performance.now();
for (let i = 0; i < N;) { const e = i + 1000; for (; i < e; i++) log.info({Count:i, User:"alice", Elapsed:f(i)}, "Processed request"); await new Promise(r => setImmediate(r)); }
const t1 = performance.now();
await new Promise(r => dest.flush(r));
const t2 = performance.now();
console.log(which, ((t1-t0)*1e6/N).toFixed(0), ((t2-t0)*1e6/N).toFixed(0));
