// Preloaded into a benchmarked child process (node --require): prints its peak resident memory and
// CPU time on exit, so figures measured on a busy machine can be read next to the wall time.
process.on("exit", () => {
  const usage = process.resourceUsage();
  const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${usage.maxRSS}\nBENCH_CPU_MS=${cpuMs}\n`);
});
