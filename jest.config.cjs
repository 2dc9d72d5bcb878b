/** Unit and integration tests: Node only (no browser, no Excel). `npm test`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/dist/"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      { tsconfig: { module: "commonjs", jsx: "react-jsx", isolatedModules: true } },
    ],
  },
  moduleNameMapper: {
    // office-addin-mock imports office-addin-manifest, whose index pulls an ESM-only strip-bom under jest.
    "^office-addin-manifest$": "office-addin-manifest/lib/officeApp.js",
    // @fluentui/react-charts' CommonJS build requires d3 modules that ship ESM (and UMD) only: use the UMD.
    "^(d3-[a-z-]+)$": "<rootDir>/node_modules/$1/dist/$1.js",
  },
  setupFiles: ["<rootDir>/test/support/customFunctionsGlobal.ts"],
  // The CLI tests spawn the built command: build it when missing or stale (fast: esbuild).
  globalSetup: "<rootDir>/test/cli/globalSetup.cjs",
  testTimeout: 60000,
};
