/**
 * A writer for the Prometheus text exposition format, version 0.0.4.
 *
 * @module
 */

/**
 * The metric types of the text exposition format.
 *
 * @example
 * ```ts
 * import type { PrometheusMetricType } from "./prometheus_text.ts";
 * const type: PrometheusMetricType = "counter";
 * ```
 */
export type PrometheusMetricType = "counter" | "gauge" | "summary" | "histogram" | "untyped";

/**
 * Label names to values, written in insertion order. Names must match
 * `[a-zA-Z_][a-zA-Z0-9_]*`; values are escaped by the writer.
 *
 * @example
 * ```ts
 * import type { PrometheusLabels } from "./prometheus_text.ts";
 * const labels: PrometheusLabels = { sink: "file", reason: "queueFull" };
 * ```
 */
export type PrometheusLabels = Readonly<Record<string, string>>;

/**
 * The `Content-Type` to serve {@link PrometheusTextWriter} output with.
 *
 * @example
 * ```ts
 * import { PROMETHEUS_CONTENT_TYPE } from "@logging/core";
 * const headers = { "content-type": PROMETHEUS_CONTENT_TYPE };
 * ```
 */
export const PROMETHEUS_CONTENT_TYPE: string = "text/plain; version=0.0.4; charset=utf-8";

const INVALID_NAME_CHARS = /[^a-zA-Z0-9_:]/g;

/**
 * Makes `name` a valid metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`): invalid
 * characters become `_`, and a leading digit gets a `_` in front. The empty
 * string stays empty (useful for an empty prefix).
 *
 * @example
 * ```ts
 * import { sanitizeMetricName } from "./prometheus_text.ts";
 * sanitizeMetricName("my-app.logging_"); // "my_app_logging_"
 * sanitizeMetricName("9lives");          // "_9lives"
 * ```
 */
export function sanitizeMetricName(name: string): string {
  const cleaned = name.replace(INVALID_NAME_CHARS, "_");
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/**
 * Escapes a label value: backslash as `\\`, double quote as `\"`, line feed as `\n`.
 *
 * @example
 * ```ts
 * import { escapeLabelValue } from "./prometheus_text.ts";
 * escapeLabelValue('a"b\\c\n'); // 'a\\"b\\\\c\\n'
 * ```
 */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === "\\" ? "\\\\" : c === '"' ? '\\"' : "\\n"));
}

/**
 * Escapes `# HELP` text: backslash as `\\`, line feed as `\n`.
 *
 * @example
 * ```ts
 * import { escapeHelpText } from "./prometheus_text.ts";
 * escapeHelpText("line one\nline two"); // "line one\\nline two"
 * ```
 */
export function escapeHelpText(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === "\\" ? "\\\\" : "\\n"));
}

/**
 * Formats a sample value: `NaN`, `+Inf`, `-Inf`, otherwise the shortest
 * round-tripping decimal (`-0` is written `0`).
 *
 * @example
 * ```ts
 * import { formatSampleValue } from "./prometheus_text.ts";
 * formatSampleValue(1.5);      // "1.5"
 * formatSampleValue(Infinity); // "+Inf"
 * ```
 */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return value === 0 ? "0" : String(value);
}

/**
 * Builds exposition text. Declare a family with {@link PrometheusTextWriter.family}
 * (writes `# HELP` and `# TYPE` once per name) and then add its samples; a
 * summary's `_sum` and `_count` samples go under the summary's family. The
 * output ends with a newline.
 *
 * @example
 * ```ts
 * import { PrometheusTextWriter } from "./prometheus_text.ts";
 * const text = new PrometheusTextWriter()
 *   .family("logging_events_received_total", "counter", "Events received.")
 *   .sample("logging_events_received_total", { sink: "file" }, 10)
 *   .toString();
 * // # HELP logging_events_received_total Events received.
 * // # TYPE logging_events_received_total counter
 * // logging_events_received_total{sink="file"} 10
 * ```
 */
export class PrometheusTextWriter {
  #lines: string[] = [];
  #families: Set<string> = new Set();

  /**
   * Starts a metric family. A second call with the same name is ignored, so
   * HELP and TYPE appear once.
   *
   * @example
   * ```ts
   * import { PrometheusTextWriter } from "./prometheus_text.ts";
   * new PrometheusTextWriter().family("logging_queue_depth", "gauge", "Events waiting.");
   * ```
   */
  family(name: string, type: PrometheusMetricType, help: string): this {
    if (this.#families.has(name)) return this;
    this.#families.add(name);
    this.#lines.push(`# HELP ${name} ${escapeHelpText(help)}`, `# TYPE ${name} ${type}`);
    return this;
  }

  /**
   * Adds one sample line `name{labels} value`.
   *
   * @example
   * ```ts
   * import { PrometheusTextWriter } from "./prometheus_text.ts";
   * new PrometheusTextWriter()
   *   .family("logging_queue_depth", "gauge", "Events waiting.")
   *   .sample("logging_queue_depth", { sink: "file" }, 3);
   * ```
   */
  sample(name: string, labels: PrometheusLabels, value: number): this {
    let text = name;
    let first = true;
    for (const key in labels) {
      text += `${first ? "{" : ","}${key}="${escapeLabelValue(labels[key])}"`;
      first = false;
    }
    if (!first) text += "}";
    this.#lines.push(`${text} ${formatSampleValue(value)}`);
    return this;
  }

  /**
   * The exposition text, newline-terminated (empty string when nothing was written).
   *
   * @example
   * ```ts
   * import { PrometheusTextWriter } from "./prometheus_text.ts";
   * new PrometheusTextWriter().toString(); // ""
   * ```
   */
  toString(): string {
    return this.#lines.length === 0 ? "" : `${this.#lines.join("\n")}\n`;
  }
}
