/**
 * Zero loss in everyday life, in real child processes with the real clock:
 * programs that end, exit, crash, get signals, have their files rotated or
 * their disk filled. Every line on disk is counted and parsed.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type ChildResult, runFixture } from "./_helpers/child_process.ts";
import { currentRuntime } from "./_helpers/runtime.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "logging-core-lifecycle-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
function freshDir(): string {
  const dir = path.join(root, `case-${counter++}`);
  fs.mkdirSync(dir);
  return dir;
}

/** Every line of a CLEF file, parsed (a line that does not parse fails the test). */
function readClef(file: string): Record<string, unknown>[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, "utf8");
  if (text === "") return [];
  assert.ok(text.endsWith("\n"), `${file} ends with a newline`);
  return text.slice(0, -1).split("\n").map((line, i) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      assert.fail(`line ${i + 1} of ${file} is not valid CLEF: ${JSON.stringify(line.slice(0, 200))}`);
    }
  });
}

/** The `Seq` numbers of the records, asserting none appears twice. */
function seqs(...files: string[]): number[] {
  const all = files.flatMap((f) => readClef(f).map((r) => r.Seq as number));
  assert.equal(new Set(all).size, all.length, "no event is written twice");
  return all.sort((a, b) => a - b);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function explain(r: ChildResult): string {
  return `code ${r.code}, signal ${r.signal}; stdout: ${r.stdout.slice(0, 500)}; stderr: ${r.stderr.slice(0, 2000)}`;
}

describe(`zero loss in everyday life (${currentRuntime})`, () => {
  describe("safe defaults: no shutdown option at all", () => {
    it("the smallest program prints its line (default runtime)", async () => {
      const r = await runFixture("lifecycle_child", ["smallest-console-default", freshDir()]);
      assert.equal(r.code, 0, explain(r));
      assert.match(r.stdout, /INF\] Hello world\n/);
    });

    it("the smallest program prints its line (runtime adapter)", async () => {
      const r = await runFixture("lifecycle_child", ["smallest-console-runtime", freshDir()]);
      assert.equal(r.code, 0, explain(r));
      assert.match(r.stdout, /INF\] Hello world\n/);
    });

    it("a program that logs 10 events to a file and ends writes all 10", async () => {
      const dir = freshDir();
      const r = await runFixture("lifecycle_child", ["end-file", dir]);
      assert.equal(r.code, 0, explain(r));
      assert.deepEqual(seqs(`${dir}/app.log`), range(0, 10));
    });

    it("exit(0) right after 5,000 events writes all 5,000", async () => {
      const dir = freshDir();
      const r = await runFixture("lifecycle_child", ["exit-file", dir]);
      assert.equal(r.code, 0, explain(r));
      assert.deepEqual(seqs(`${dir}/app.log`), range(0, 5_000));
    });

    it("exit(0) right after 5,000 console lines (more than a pipe holds), default runtime: all printed", async () => {
      const r = await runFixture("lifecycle_child", ["exit-console-default", freshDir()]);
      assert.equal(r.code, 0, explain(r));
      const lines = r.stdout.split("\n").filter((l) => l.includes("Line "));
      assert.deepEqual(lines.map((l) => Number(/Line (\d+)/.exec(l)?.[1])), range(0, 5_000));
    });

    for (const mode of ["uncaught", "rejection"]) {
      it(`an ${mode === "uncaught" ? "uncaught exception" : "unhandled rejection"} still writes the 1,000 queued events`, async () => {
        const dir = freshDir();
        const r = await runFixture("lifecycle_child", [mode, dir]);
        assert.notEqual(r.code, 0, explain(r));
        assert.match(r.stderr, /boom/);
        assert.deepEqual(seqs(`${dir}/app.log`), range(0, 1_000));
      });
    }
  });

  it("an application that handles a rejection goes on, and its exit still writes everything", async () => {
    const dir = freshDir();
    const r = await runFixture("lifecycle_child", ["handled-rejection", dir]);
    assert.equal(r.code, 0, explain(r));
    assert.deepEqual(seqs(`${dir}/app.log`), range(0, 5_000));
  });

  it("a sink that never answers holds an ending program one write timeout in all, and the loss is reported", async () => {
    const started = Date.now();
    const r = await runFixture("lifecycle_child", ["hung-sink-end", freshDir()]);
    const took = Date.now() - started;
    assert.equal(r.code, 0, explain(r));
    assert.ok(took < 4_000, `took ${took} ms (10 batches × 500 ms would be 5 s)`);
    assert.match(r.stderr, /sink "hung" failed to write/);
  });

  it("shutdown({ timeoutMs: 300 }) with a hung sink resolves on time, and the process waits for it", async () => {
    const started = Date.now();
    const r = await runFixture("lifecycle_child", ["shutdown-hung", freshDir()]);
    assert.equal(r.code, 0, explain(r));
    const match = /report (\{.*\}) after (\d+)/.exec(r.stdout);
    assert.ok(match, explain(r));
    const report = JSON.parse(match[1]);
    assert.equal(report.timedOut, true);
    assert.equal(report.dropped + report.failed, 10, "every event accounted for");
    const took = Number(match[2]);
    assert.ok(took >= 290 && took < 1_500, `took ${took} ms`);
    assert.ok(Date.now() - started < 15_000, "the process did not linger afterwards");
  });

  describe("cooperative shutdown on signals", () => {
    it("SIGTERM with a request in flight: the client gets its 200 and all 4 request lines are written", async () => {
      const dir = freshDir();
      let response: Promise<Response> | undefined;
      const r = await runFixture("lifecycle_child", ["inflight-request", dir], {
        onLine: (line, child) => {
          const port = /^port (\d+)/.exec(line)?.[1];
          if (port !== undefined) response = fetch(`http://127.0.0.1:${port}/`);
          if (line === "request-started") child.kill("SIGTERM");
        },
      });
      assert.equal(r.code, 143, explain(r));
      const res = await response;
      assert.equal(res?.status, 200);
      assert.equal(await res?.text(), "ok");
      assert.deepEqual(seqs(`${dir}/app.log`), [0, 1, 2, 3, 4], "the request's lines and the handler's own");
    });

    it("an application with its own SIGTERM listener finishes its cleanup, logs it, and exits itself", async () => {
      const dir = freshDir();
      const r = await runFixture("lifecycle_child", ["app-listener", dir], {
        onLine: (line, child) => line === "ready" && child.kill("SIGTERM"),
      });
      assert.equal(r.code, 0, explain(r));
      assert.deepEqual(seqs(`${dir}/app.log`), range(0, 102));
    });

    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      it(`a second ${signal} during a slow shutdown exits at once with every queued event written`, async () => {
        const dir = freshDir();
        let sent = 0;
        const started = Date.now();
        const r = await runFixture("lifecycle_child", ["double-signal", dir, "10000"], {
          onLine: (line, child) => {
            if (line === "ready" || line === "handler-started") {
              sent++;
              child.kill(signal);
            }
          },
        });
        assert.equal(sent, 2);
        assert.equal(r.code, signal === "SIGTERM" ? 143 : 130, explain(r));
        assert.ok(Date.now() - started < 20_000, "did not wait for the slow handler");
        assert.deepEqual(seqs(`${dir}/app.log`), range(0, 10_000));
      });
    }

    it("a listener that never exits (a library's) does not keep a signalled process alive", async () => {
      const dir = freshDir();
      const started = Date.now();
      const r = await runFixture("lifecycle_child", ["foreign-listener", dir], {
        onLine: (line, child) => line === "ready" && child.kill("SIGTERM"),
      });
      assert.equal(r.code, 143, explain(r));
      assert.ok(Date.now() - started < 10_000);
      assert.deepEqual(seqs(`${dir}/app.log`), range(0, 10));
    });

    it("exit() called during a shutdown writes every queued event", async () => {
      const dir = freshDir();
      const r = await runFixture("lifecycle_child", ["exit-during-shutdown", dir, "90"], {
        onLine: (line, child) => line === "ready" && child.kill("SIGTERM"),
      });
      assert.equal(r.code, 0, explain(r));
      assert.deepEqual(seqs(`${dir}/app.log`), range(0, 90));
    });

    it("SIGHUP (without reopenOn) drains and exits with 129", async () => {
      const dir = freshDir();
      const r = await runFixture("lifecycle_child", ["sighup-exit", dir], {
        onLine: (line, child) => line === "ready" && child.kill("SIGHUP"),
      });
      assert.equal(r.code, 129, explain(r));
      assert.deepEqual(seqs(`${dir}/app.log`), range(0, 100));
    });
  });

  describe("log rotation", () => {
    const rotate = (mode: string, act: (dir: string) => void, signal?: "SIGHUP") => async () => {
      const dir = freshDir();
      const r = await runFixture("lifecycle_child", [mode, dir], {
        onLine: (line, child) => {
          if (line !== "phase1") return;
          act(dir);
          if (signal) child.kill(signal);
          fs.writeFileSync(`${dir}/go`, "");
        },
      });
      assert.equal(r.code, 0, explain(r));
      return { dir, r };
    };

    it("logrotate's create mode (rename): later events go to a new file at the path", async () => {
      const { dir, r } = await rotate("rename", (d) => fs.renameSync(`${d}/app.log`, `${d}/app.log.1`))();
      assert.deepEqual(seqs(`${dir}/app.log.1`), range(0, 100));
      assert.deepEqual(seqs(`${dir}/app.log`), range(100, 200));
      assert.match(r.stdout, /emitted 200/);
    });

    it("the file deleted while the app runs: later events go to a new file, none counted into the void", async () => {
      const { dir, r } = await rotate("delete", (d) => fs.unlinkSync(`${d}/app.log`))();
      assert.deepEqual(seqs(`${dir}/app.log`), range(100, 200));
      assert.match(r.stdout, /emitted 200/, "100 before the delete (they were in the file then) and 100 after");
    });

    it("reopenOn: SIGHUP: the process keeps running and reopens the file (postrotate kill -HUP)", async () => {
      const { dir } = await rotate("sighup-reopen", (d) => fs.renameSync(`${d}/app.log`, `${d}/app.log.1`), "SIGHUP")();
      assert.deepEqual(seqs(`${dir}/app.log.1`), range(0, 100));
      assert.deepEqual(seqs(`${dir}/app.log`), range(100, 200));
    });
  });

  describe("a full disk", () => {
    it("/dev/full: every batch goes to the fallback once, none to both", async () => {
      const dir = freshDir();
      const r = await runFixture("lifecycle_child", ["disk-full", dir, "/dev/full"], {
        onLine: (line) => line === "phase1" && fs.writeFileSync(`${dir}/go`, ""),
      });
      assert.equal(r.code, 0, explain(r));
      assert.deepEqual(seqs(`${dir}/fallback.log`), range(0, 3_200));
    });

    const tmpfs = path.join(root, "tmpfs");
    let mounted = false;
    try {
      fs.mkdirSync(tmpfs);
      const { status } = spawnSyncQuiet("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", tmpfs]);
      mounted = status === 0;
    } catch {
      mounted = false;
    }
    after(() => {
      if (mounted) spawnSyncQuiet("umount", [tmpfs]);
    });

    it("a 1 MiB tmpfs filling up: no torn line, no duplicate, nothing lost; writing resumes when space returns", {
      skip: mounted ? false : "needs root to mount a 1 MiB tmpfs",
    }, async () => {
      const dir = freshDir();
      const filler = path.join(tmpfs, "filler");
      fs.writeFileSync(filler, new Uint8Array(700 * 1024));
      const full = path.join(tmpfs, "app.log");
      const r = await runFixture("lifecycle_child", ["disk-full", dir, full], {
        onLine: (line) => {
          if (line !== "phase1") return;
          fs.unlinkSync(filler);
          fs.writeFileSync(`${dir}/go`, "");
        },
      });
      assert.equal(r.code, 0, explain(r));
      const onDisk = seqs(full);
      const rescued = seqs(`${dir}/fallback.log`);
      assert.ok(onDisk.length > 0 && rescued.length > 0, `both files used: ${onDisk.length} + ${rescued.length}`);
      assert.deepEqual([...onDisk, ...rescued].sort((a, b) => a - b), range(0, 3_200), "each event in exactly one file");
      assert.deepEqual(onDisk.slice(-200), range(3_000, 3_200), "the events after space returned are on the disk");
      const metrics = JSON.parse(/metrics (\{.*\})/.exec(r.stdout)?.[1] ?? "{}");
      assert.equal(metrics.emitted, onDisk.length, "emitted counts exactly the lines on disk");
      assert.equal(metrics.fallback, rescued.length);
      fs.unlinkSync(full);
    });
  });

  describe("losses are visible by default", () => {
    it("a sink that cannot write reports on stderr, once per reason (and a summary at exit)", async () => {
      const r = await runFixture("lifecycle_child", ["visible-loss", freshDir(), "/dev/null/impossible/app.log"]);
      assert.equal(r.code, 0, explain(r));
      const lines = r.stderr.split("\n").filter((l) => l.startsWith("@logging/core:"));
      assert.equal(lines.length, 2, r.stderr);
      for (const line of lines) {
        assert.match(line, /^@logging\/core: sink "file" failed to write 5 events \(FileSinkError: file sink: cannot create directory "\/dev\/null\/impossible": .*\); enable SelfLog or metrics for details$/);
      }
    });

    if (currentRuntime === "deno") {
      for (const permissions of [["--allow-read", "--allow-env"], ["--allow-write", "--allow-env"]]) {
        it(`Deno with only ${permissions.join(" ")}: the loss is reported on stderr`, async () => {
          const dir = freshDir();
          const r = await runFixture("lifecycle_child", ["end-file", dir], { denoPermissions: permissions });
          assert.equal(r.code, 0, explain(r));
          assert.match(r.stderr, /@logging\/core: sink "file" failed to write 10 events/);
        });
      }
    }

    it("reportLosses: false keeps stderr quiet", async () => {
      const r = await runFixture("lifecycle_child", ["visible-loss-off", freshDir(), "/dev/null/impossible/app.log"]);
      assert.equal(r.code, 0, explain(r));
      assert.equal(r.stderr, "");
    });
  });
});

function spawnSyncQuiet(command: string, args: string[]): { status: number | null } {
  return spawnSync(command, args, { stdio: "ignore" });
}
