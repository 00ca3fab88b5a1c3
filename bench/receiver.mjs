// The loopback receiver of the shipping benchmark (bench/shipping.mjs): an
// HTTP server on 127.0.0.1 that accepts OTLP/HTTP logs (protobuf and JSON),
// Seq's CLEF ingestion and seq-logging's raw JSON, counts the events in each
// request, and discards them. Runs in its own Node process, so its CPU is not
// the sender's. Prints `{"port":N}` once listening.
//
//   node bench/receiver.mjs
//
// Requests go to /<run>/…; GET /count/<run> answers the events received for a run.
import * as http from "node:http";

const counts = new Map();

/** Reads a protobuf varint at `p`: [value, next position]. */
function varint(buf, p) {
  let v = 0;
  let shift = 1;
  for (;;) {
    const b = buf[p++];
    v += (b & 0x7f) * shift;
    if (b < 0x80) return [v, p];
    shift *= 128;
  }
}

/** Calls `onField(field, start, end)` for each length-delimited field of a message in buf[start, end). */
function eachLengthDelimited(buf, start, end, onField) {
  let p = start;
  while (p < end) {
    const [key, q] = varint(buf, p);
    p = q;
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (wire === 0) p = varint(buf, p)[1];
    else if (wire === 1) p += 8;
    else if (wire === 5) p += 4;
    else if (wire === 2) {
      const [len, r] = varint(buf, p);
      onField(field, r, r + len);
      p = r + len;
    } else throw new Error(`wire type ${wire}`);
  }
}

/** ExportLogsServiceRequest → resource_logs (1) → scope_logs (2) → log_records (2). */
function countProtobuf(buf) {
  let n = 0;
  eachLengthDelimited(buf, 0, buf.length, (f1, s1, e1) => {
    if (f1 !== 1) return;
    eachLengthDelimited(buf, s1, e1, (f2, s2, e2) => {
      if (f2 !== 2) return;
      eachLengthDelimited(buf, s2, e2, (f3) => {
        if (f3 === 2) n++;
      });
    });
  });
  return n;
}

function countOtlpJson(text) {
  let n = 0;
  for (const rl of JSON.parse(text).resourceLogs ?? []) {
    for (const sl of rl.scopeLogs ?? []) n += (sl.logRecords ?? []).length;
  }
  return n;
}

function countLines(buf) {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  // A last line without its newline is an event too.
  if (buf.length > 0 && buf[buf.length - 1] !== 10) n++;
  return n;
}

const server = http.createServer((req, res) => {
  const [, run, ...rest] = (req.url ?? "/").split("/");
  if (req.method === "GET" && run === "count") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ count: counts.get(rest[0]) ?? 0 }));
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const path = "/" + rest.join("/");
    const type = String(req.headers["content-type"] ?? "");
    let n = 0;
    let status = 200;
    let reply = "{}";
    let replyType = "application/json";
    try {
      if (path.endsWith("/v1/logs") && type.includes("protobuf")) {
        n = countProtobuf(body);
        reply = "";
        replyType = "application/x-protobuf";
      } else if (path.endsWith("/v1/logs")) n = countOtlpJson(body.toString("utf8"));
      else if (path.endsWith("/ingest/clef")) {
        n = countLines(body);
        status = 201;
      } else if (path.endsWith("/api/events/raw")) {
        n = JSON.parse(body.toString("utf8")).Events.length;
        status = 201;
      } else status = 404;
    } catch (error) {
      status = 400;
      reply = JSON.stringify({ error: String(error) });
    }
    counts.set(run, (counts.get(run) ?? 0) + n);
    res.writeHead(status, { "content-type": replyType });
    res.end(reply);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + "\n");
});
// Ends with its parent (stdin closes).
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
