/**
 * jest globalSetup: the CLI tests spawn the built command (dist-cli/), so build it when it is missing
 * or older than any of its sources. esbuild takes a second or two; an up-to-date build costs a few stats.
 */
module.exports = async function buildCliForTests() {
  const { buildCli } = require("../../scripts/build-cli.cjs");
  const { built } = await buildCli({ ifStale: true });
  if (built)
    process.stdout.write("\njest globalSetup: built dist-cli/crossbench.mjs (sources changed)\n");
};
