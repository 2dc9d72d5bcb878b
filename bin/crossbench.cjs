#!/usr/bin/env node
// Runs the TypeScript CLI (src/cli/main.ts) through tsx, so `npx crossbench` works right after `npm ci`.
require("tsx/cjs");
const { main } = require("../src/cli/main.ts");

main(process.argv).then((code) => process.exit(code));
