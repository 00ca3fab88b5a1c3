import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runFixture } from "./_helpers/child_process.ts";
import { currentRuntime } from "./_helpers/runtime.ts";

const COUNT = 20_000;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "logging-core-zero-loss-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every line valid CLEF, every sequence number from 0 to COUNT - 1 exactly once. */
function assertComplete(file: string, mode: string): void {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  assert.equal(lines.pop(), "", "the file ends with a newline");
  const seen = new Uint8Array(COUNT);
  let duplicates = 0;
  for (const text of lines) {
    const record = JSON.parse(text) as Record<string, unknown>;
    assert.equal(typeof record["@t"], "string");
    assert.equal(record["@mt"], "Event {Seq} of {Total} from {Mode}");
    assert.equal(record.Mode, mode);
    const seq = record.Seq as number;
    if (seen[seq]++ > 0) duplicates++;
  }
  assert.equal(duplicates, 0, "no event is written twice");
  assert.equal(seen.indexOf(0), -1, `missing events (first missing: ${seen.indexOf(0)})`);
  assert.equal(lines.length, COUNT);
}

const cases: { mode: string; batchSize: number; code: number }[] = [
  { mode: "end", batchSize: 512, code: 0 },
  { mode: "end", batchSize: 50_000, code: 0 },
  { mode: "exit", batchSize: 512, code: 0 },
  { mode: "exit-later", batchSize: 512, code: 0 },
  { mode: "sigterm", batchSize: 512, code: 143 },
  { mode: "sigterm", batchSize: 50_000, code: 143 },
];

describe(`zero loss on exit (${currentRuntime}, ${COUNT} events)`, () => {
  for (const { mode, batchSize, code } of cases) {
    it(`${mode}, batches of ${batchSize}: every event written once, as valid CLEF`, async () => {
      const file = path.join(root, `${mode}-${batchSize}.log`);
      const r = await runFixture("zero_loss_child", [mode, file, String(COUNT), String(batchSize)], {
        onLine: (line, child) => line === "ready" && child.kill("SIGTERM"),
        timeoutMs: 60_000,
      });
      assert.equal(r.code, code, `exit code; stderr: ${r.stderr}`);
      assertComplete(file, mode);
    });
  }
});
