import { BenchError } from "../../src/core/errors";

/** The Excel error kind a core function throws ("#NUM!", ...), "no error", or "plain ..." for a bug. */
export function errorKind(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof BenchError ? error.kind : `plain ${String(error)}`;
  }
  return "no error";
}
