/** A runtime over a ManualScheduler, for deterministic timing tests (from the /testing entry). */
export { type ManualRuntime, manualRuntime } from "../../src/testing/mod.ts";
