// Lint: Microsoft's office-addins rules (load before read, sync after load, isNullObject, ...) with the
// TypeScript parser for every .ts/.tsx file, React and hooks rules for the task pane, and a guard that
// keeps Office and DOM globals out of the pure modules.
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";
import tsParser from "@typescript-eslint/parser";
import globals from "globals";

const officeRules = officeAddins.configs.recommended.at(-1).rules;

export default [
  {
    ignores: [
      "dist/**",
      "dist-cli*/**",
      "node_modules/**",
      "coverage/**",
      "test-artifacts/**",
      "bench/results.*",
      "**/*.min.js",
    ],
  },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: officeAddins.configs.recommended.at(-1).plugins,
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: {
        ...globals.browser,
        Office: "readonly",
        Excel: "readonly",
        CustomFunctions: "readonly",
        OfficeExtension: "readonly",
      },
    },
    rules: {
      ...officeRules,
      // TypeScript checks undefined names itself (and knows type-only globals such as JSX).
      "no-undef": "off",
      "no-redeclare": "off",
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
    },
  },
  {
    files: ["**/*.tsx", "src/taskpane/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: [
      "test/**/*.{ts,tsx}",
      "**/*.test.{ts,tsx}",
      "bench/**/*.ts",
      "scripts/**/*.ts",
      "src/cli/**/*.ts",
    ],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    files: ["**/*.{cjs,js,mjs}"],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node } },
  },
  {
    files: ["**/*.cjs", "webpack.config.js"],
    languageOptions: { sourceType: "commonjs" },
  },
  {
    // Pure modules: no Office, custom-function or DOM globals (they run in the CLI, tests and any runtime).
    files: ["src/core/**/*.ts", "src/reference/**/*.ts", "src/templates/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        {
          name: "Office",
          message:
            "src/core, src/reference and src/templates stay free of Office: put Office calls in src/excel.",
        },
        {
          name: "Excel",
          message:
            "src/core, src/reference and src/templates stay free of Office: put Excel.run in src/excel.",
        },
        {
          name: "CustomFunctions",
          message: "Map errors in src/functions/errors.ts, not in pure modules.",
        },
        { name: "document", message: "Pure modules must not touch the DOM." },
        { name: "window", message: "Pure modules must not touch the DOM." },
      ],
    },
  },
];
