/**
 * Decoding OTLP protobuf bodies with the official schema: the protobufjs
 * static root generated from opentelemetry-proto that
 * `@opentelemetry/otlp-transformer` (devDependency, 0.214.0 — the last line
 * that ships logs in `build/src/generated/root.js`; later versions serialize
 * by hand and ship no decoder) contains.
 */
import { createRequire } from "node:module";
import process from "node:process";

/** A decoded AnyValue, as protobufjs `toObject` gives it (longs as strings, bytes as hex here). */
export interface AnyValueObject {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValueObject[] };
  kvlistValue?: { values?: KeyValueObject[] };
  bytesValue?: string;
}
export interface KeyValueObject {
  key: string;
  value?: AnyValueObject;
}
export interface LogRecordObject {
  timeUnixNano?: string;
  observedTimeUnixNano?: string;
  severityNumber?: number;
  severityText?: string;
  body?: AnyValueObject;
  attributes?: KeyValueObject[];
  droppedAttributesCount?: number;
  flags?: number;
  traceId?: string;
  spanId?: string;
  eventName?: string;
}
export interface ExportLogsObject {
  resourceLogs?: {
    resource?: { attributes?: KeyValueObject[] };
    scopeLogs?: { scope?: { name?: string; version?: string }; logRecords?: LogRecordObject[] }[];
  }[];
}

interface MessageType {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): unknown;
  verify(message: unknown): string | null;
}

const MODULE = "@opentelemetry/otlp-transformer/build/src/generated/root.js";

function load(): MessageType | string {
  const bases = [import.meta.url, `${process.cwd()}/`];
  let lastError: unknown;
  for (const base of bases) {
    try {
      const root = createRequire(base)(MODULE) as {
        opentelemetry: { proto: { collector: { logs: { v1: { ExportLogsServiceRequest: MessageType } } } } };
      };
      const type = root.opentelemetry?.proto?.collector?.logs?.v1?.ExportLogsServiceRequest;
      if (type !== undefined) return type;
      lastError = new Error(`${MODULE} has no opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest`);
    } catch (error) {
      lastError = error;
    }
  }
  return `the OTLP protobuf schema is not available (npm install @opentelemetry/otlp-transformer@0.214.0): ${String(lastError)}`;
}

const loaded = load();

/** Why protobuf decoding is unavailable, or undefined when it works. */
export const otlpSchemaMissing: string | undefined = typeof loaded === "string" ? loaded : undefined;

/** Decodes an ExportLogsServiceRequest body with the official schema. */
export function decodeOtlpLogs(body: Uint8Array): ExportLogsObject {
  if (typeof loaded === "string") throw new Error(loaded);
  const message = loaded.decode(body);
  const problem = loaded.verify(message);
  if (problem !== null) throw new Error(`invalid ExportLogsServiceRequest: ${problem}`);
  const object = loaded.toObject(message, { longs: String, enums: Number, bytes: Array, defaults: false }) as ExportLogsObject;
  return bytesToHex(object) as ExportLogsObject;
}

/** protobufjs gives bytes as number arrays with `bytes: Array`; the test compares hex, like OTLP JSON. */
function bytesToHex(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    if ((key === "traceId" || key === "spanId" || key === "bytesValue") && value.every((n) => typeof n === "number")) {
      return value.map((n: number) => n.toString(16).padStart(2, "0")).join("");
    }
    return value.map((v) => bytesToHex(v));
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = bytesToHex(v, k);
    return out;
  }
  return value;
}

/** The attributes as a plain record of decoded AnyValues, for assertions. */
export function attributeMap(attributes: KeyValueObject[] | undefined): Record<string, AnyValueObject | undefined> {
  const out: Record<string, AnyValueObject | undefined> = {};
  for (const kv of attributes ?? []) out[kv.key] = kv.value;
  return out;
}
