/**
 * A loopback HTTP receiver (node:http on 127.0.0.1, a random port) for the
 * shipping sinks' tests. Works under node, deno and bun. Each request is
 * recorded; replies follow a script (status, headers, body, or "hang": keep
 * the request open until the client aborts or the server closes).
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Uint8Array;
  /** Resolves when the client aborted the request (a hung reply). */
  readonly aborted: Promise<void>;
}

export type Reply = { status: number; headers?: Record<string, string>; body?: string } | "hang";

export interface LoopbackServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Replies for the next requests, in order; after them, `fallbackReply`. */
  script(...replies: Reply[]): void;
  fallbackReply: Reply;
  /** Resolves once `count` requests have arrived in total (rejects after `timeoutMs`). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const replies: Reply[] = [];
  const waiters: { count: number; resolve(): void }[] = [];
  const hung = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Uint8Array[] = [];
    let abortedResolve: () => void = () => {};
    const aborted = new Promise<void>((resolve) => (abortedResolve = resolve));
    req.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    req.on("end", () => {
      const size = chunks.reduce((n, c) => n + c.length, 0);
      const body = new Uint8Array(size);
      let off = 0;
      for (const c of chunks) {
        body.set(c, off);
        off += c.length;
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, aborted });
      for (const w of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const reply = replies.length > 0 ? replies.shift() as Reply : loopback.fallbackReply;
      if (reply === "hang") {
        hung.add(res);
        res.on("close", () => {
          hung.delete(res);
          abortedResolve();
        });
        return;
      }
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(reply.body ?? "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const loopback: LoopbackServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    fallbackReply: { status: 200 },
    script(...next: Reply[]): void {
      replies.push(...next);
    },
    waitForRequests(count: number, timeoutMs = 10_000): Promise<void> {
      if (requests.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count} requests (got ${requests.length})`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close(): Promise<void> {
      for (const res of hung) res.destroy();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
  return loopback;
}

/** Polls `done` every few milliseconds until it holds; fails after `timeoutMs`. No fixed sleep. */
export async function until(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
