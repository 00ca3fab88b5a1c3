const N = 2e6; let s = 0;
for (const [name, f] of [["Date.now", () => Date.now()], ["performance.now", () => performance.now()]]) {
  for (let r = 0; r < 3; r++) { const t0 = performance.now(); for (let i = 0; i < N; i++) s += f(); const t = performance.now() - t0; if (r == 2) console.log(name, (t * 1e6 / N).toFixed(1), "ns"); }
}
