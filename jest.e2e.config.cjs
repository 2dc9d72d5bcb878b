/**
 * Browser tests of the task pane (`npm run test:e2e`): headless Debian Chromium driven by
 * playwright-core against the built dist/ pages, with the in-memory Excel double standing in for
 * Excel. The global setup builds dist/ when it is missing or older than the sources.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", isolatedModules: true } }],
  },
  globalSetup: "<rootDir>/test/e2e/support/globalSetup.ts",
  testTimeout: 180000,
};
