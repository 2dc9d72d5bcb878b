/**
 * CROSSBENCH_TRACE=1: where the time of a large check or convert goes, as lines on stderr (what
 * happened, and when, in ms since the process began: worker threads share its time origin). Off by
 * default.
 */
export function trace(what: string): void {
  if (process.env.CROSSBENCH_TRACE)
    process.stderr.write(`crossbench: ${what} (at ${Math.round(performance.now())} ms)\n`);
}
