/** Shared types and helpers for `npm run bench` suites (bench/*.bench.ts). */
export interface Figure {
  /** Stable figure name, e.g. "functions.peerrank.evalsPerSecond". */
  name: string;
  value: number;
  /** Unit as shown to readers: "bytes", "ms", "evals/s", "syncs", "MB", ... */
  unit: string;
  /** Optional short context (inputs, comparison). */
  note?: string;
}

/** A suite is the default export of a bench/*.bench.ts file. */
export type BenchSuite = () => Promise<Figure[]> | Figure[];

/** Runs `fn` repeatedly for at least `minMs` and returns calls per second (after a short warm-up). */
export function opsPerSecond(fn: () => unknown, minMs = 500): number {
  const warmUntil = performance.now() + Math.min(100, minMs / 5);
  while (performance.now() < warmUntil) fn();
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minMs) {
    for (let i = 0; i < 10; i++) fn();
    calls += 10;
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

/** Median wall time in ms of `runs` executions of an async or sync function. */
export async function medianMs(fn: () => unknown, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
