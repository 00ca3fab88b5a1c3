import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { captureError } from "../src/core/capture/capture_error.ts";
import type { ErrorInfo } from "../src/core/events/log_event.ts";
import { np } from "./_helpers/null_prototype.ts";

/** An error with a fixed, short stack so whole ErrorInfos can be compared. */
function fixed<E extends Error>(error: E, stack = `${error.name}: ${error.message}\n    at here`): E {
  Object.defineProperty(error, "stack", { value: stack, writable: true, configurable: true, enumerable: false });
  return error;
}

describe("captureError", () => {
  test("name, message, stack", () => {
    const info = captureError(fixed(new TypeError("bad input")));
    assert.deepEqual(info, np({ name: "TypeError", message: "bad input", stack: "TypeError: bad input\n    at here" }));
    assert.equal(Object.getPrototypeOf(info), null);
  });

  test("a real stack is kept", () => {
    const info = captureError(new Error("real"));
    assert.match(info.stack ?? "", /^Error: real\n/);
  });

  test("extra own enumerable properties go to properties", () => {
    const err = fixed(Object.assign(new Error("open failed"), { code: "ENOENT", errno: -2, path: "/x", nested: { a: 1n } }));
    assert.deepEqual(
      captureError(err),
      np({
        name: "Error",
        message: "open failed",
        stack: "Error: open failed\n    at here",
        properties: { code: "ENOENT", errno: -2, path: "/x", nested: { a: 1 } },
      }),
    );
  });

  test("the cause chain: errors become ErrorInfo, other causes captured values", () => {
    const root = fixed(new Error("root"));
    const mid = fixed(new Error("mid", { cause: root }));
    const top = fixed(new Error("top", { cause: mid }));
    assert.deepEqual(
      captureError(top),
      np({
        name: "Error",
        message: "top",
        stack: "Error: top\n    at here",
        cause: {
          name: "Error",
          message: "mid",
          stack: "Error: mid\n    at here",
          cause: { name: "Error", message: "root", stack: "Error: root\n    at here" },
        },
      }),
    );
    const withValue = captureError(fixed(new Error("x", { cause: { status: 503, when: new Date(0) } })));
    assert.deepEqual(withValue.cause, np({ status: 503, when: "1970-01-01T00:00:00.000Z" }));
    assert.equal(captureError(fixed(new Error("x", { cause: "text" }))).cause, "text");
  });

  test("a cyclic cause chain ends in [Circular]", () => {
    const a = fixed(new Error("a"));
    const b = fixed(new Error("b", { cause: a }));
    (a as Error & { cause?: unknown }).cause = b;
    const info = captureError(a);
    assert.equal((info.cause as ErrorInfo).message, "b");
    assert.equal((info.cause as ErrorInfo).cause, "[Circular]");
    const self = fixed(new Error("self"));
    (self as Error & { cause?: unknown }).cause = self;
    assert.equal(captureError(self).cause, "[Circular]");
  });

  test("a long cause chain stops at maxDepth", () => {
    let err = fixed(new RangeError("e0"));
    for (let i = 1; i <= 20; i++) err = fixed(new RangeError("e" + i, { cause: err }));
    let info: unknown = captureError(err, { maxDepth: 3, maxStringLength: 100, maxCollectionItems: 10 });
    const messages: string[] = [];
    while (typeof info === "object" && info !== null) {
      messages.push((info as ErrorInfo).message);
      info = (info as ErrorInfo).cause;
    }
    assert.deepEqual(messages, ["e20", "e19", "e18"]);
    assert.equal(info, "[RangeError]");
  });

  test("AggregateError keeps its errors", () => {
    const agg = fixed(new AggregateError([fixed(new Error("one")), "two"], "many"));
    assert.deepEqual(
      captureError(agg),
      np({
        name: "AggregateError",
        message: "many",
        stack: "AggregateError: many\n    at here",
        properties: { errors: [{ name: "Error", message: "one", stack: "Error: one\n    at here" }, "two"] },
      }),
    );
  });

  test("custom error classes", () => {
    class HttpError extends Error {
      override name = "HttpError";
      constructor(readonly status: number) {
        super(`HTTP ${status}`);
      }
    }
    const info = captureError(fixed(new HttpError(404), "HttpError: HTTP 404"));
    assert.deepEqual(info, np({ name: "HttpError", message: "HTTP 404", stack: "HttpError: HTTP 404", properties: { status: 404 } }));
  });

  test("an error without a name property uses its class name", () => {
    class Odd extends Error {}
    const odd = fixed(new Odd("m"));
    Object.defineProperty(Odd.prototype, "name", { value: undefined });
    assert.equal(captureError(odd).name, "Odd");
  });

  test("a thrown string, number, undefined, function", () => {
    assert.deepEqual(captureError("boom"), np({ name: "Error", message: "boom" }));
    assert.deepEqual(captureError(42), np({ name: "Error", message: "42" }));
    assert.deepEqual(captureError(undefined), np({ name: "Error", message: "undefined" }));
    assert.deepEqual(captureError(null), np({ name: "Error", message: "null" }));
    assert.deepEqual(captureError(function f() {}), np({ name: "Error", message: "[Function f]" }));
    assert.deepEqual(captureError(Symbol("s")), np({ name: "Error", message: "Symbol(s)" }));
  });

  test("an error-like object (string message)", () => {
    assert.deepEqual(
      captureError({ message: "from json", code: 7, name: "RemoteError" }),
      np({ name: "RemoteError", message: "from json", properties: { code: 7 } }),
    );
  });

  test("any other object: its compact JSON as the message", () => {
    assert.deepEqual(captureError({ status: 500 }), np({ name: "Error", message: '{"status":500}' }));
    class Failure {
      reason = "x";
    }
    assert.deepEqual(captureError(new Failure()), np({ name: "Failure", message: '{"$type":"Failure","reason":"x"}' }));
    assert.deepEqual(captureError([1, 2]), np({ name: "Error", message: "[1,2]" }));
  });

  test("stack and message are bounded", () => {
    const err = fixed(new Error("m".repeat(50)), "s".repeat(50));
    const info = captureError(err, { maxDepth: 8, maxStringLength: 10, maxCollectionItems: 10 });
    assert.equal(info.message, "mmmmmmmmmm…[+40 chars]");
    assert.equal(info.stack, "ssssssssss…[+40 chars]");
  });

  test("throwing getters and hostile proxies never escape", () => {
    const err = fixed(new Error("x"));
    Object.defineProperty(err, "cause", { get() { throw new Error("cause getter"); } });
    Object.defineProperty(err, "code", { enumerable: true, get() { throw new Error("code getter"); } });
    const info = captureError(err);
    assert.equal(info.cause, "[Threw: cause getter]");
    assert.deepEqual(info.properties, np({ code: "[Threw: code getter]" }));

    const throwing = new Proxy({}, {
      get() { throw new Error("get"); },
      getPrototypeOf() { throw new Error("proto"); },
      ownKeys() { throw new Error("keys"); },
    });
    assert.deepEqual(captureError(throwing), np({ name: "Error", message: "[Threw: proto]" }));
    const { proxy, revoke } = Proxy.revocable(new Error("gone"), {});
    revoke();
    const revoked = captureError(proxy);
    assert.equal(revoked.name, "Error");
    assert.match(revoked.message, /^\[Threw: /);

    const badMessage = new Error("x");
    Object.defineProperty(badMessage, "message", { get() { throw new Error("msg"); } });
    assert.equal(captureError(badMessage).message, "");
  });

  test("the result is a snapshot", () => {
    const err = fixed(Object.assign(new Error("m"), { details: { n: 1 } }));
    const info = captureError(err);
    err.message = "changed";
    err.details.n = 2;
    assert.equal(info.message, "m");
    assert.deepEqual(info.properties, np({ details: { n: 1 } }));
  });

  test("the result is JSON-serializable", () => {
    const err = fixed(new Error("x", { cause: 10n }));
    assert.equal(JSON.stringify(captureError(err)), '{"name":"Error","message":"x","stack":"Error: x\\n    at here","cause":10}');
  });
});
