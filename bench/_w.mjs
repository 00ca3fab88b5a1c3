import fs from "node:fs";
for (const path of ["/dev/null", "/dev/shm/w.log"]) {
  const fd = fs.openSync(path, "a");
  for (const size of [150, 4096, 65536, 262144]) {
    const buf = Buffer.alloc(size, 97);
    const n = Math.max(200, Math.min(20000, 2e8 / size / 10));
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fs.writeSync(fd, buf);
    const t = (performance.now() - t0) * 1e3 / n;
    console.log(path, size, t.toFixed(2), "µs/write", (t * 1e3 / size).toFixed(3), "ns/byte");
  }
  fs.closeSync(fd);
}
fs.unlinkSync("/dev/shm/w.log");
