/**
 * Builds the add-in into dist/: taskpane.html (+ its JS), functions.js + functions.json (custom
 * functions, generated from JSDoc), commands.html (ribbon commands), manifest.xml, help.html, assets.
 *
 * Production URL: set ADDIN_URL (e.g. https://addins.example.com/crossbench/) and every
 * https://localhost:3000/ in the manifest, functions.json and help is replaced by it; the build fails
 * if ADDIN_URL is set and "localhost" remains anywhere in those files.
 */
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const path = require("path");
const { devServerHttpsOptions } = require("./scripts/dev-certs.cjs");
const { normaliseAddinUrl } = require("./scripts/production-url.cjs");
const { HelpPagePlugin, ProductionUrlPlugin } = require("./scripts/webpack-plugins.cjs");

const DEV_PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const prodUrl = dev ? null : normaliseAddinUrl(process.env.ADDIN_URL);
  const serving = Boolean(env.WEBPACK_SERVE);
  return {
    devtool: dev ? "eval-cheap-module-source-map" : "source-map",
    target: ["web", "es2020"],
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "chunks/[name].[contenthash:8].js",
      // An explicit public path: webpack's "auto" reads document.currentScript at load time, and the
      // functions bundle must load without a DOM.
      publicPath: "",
      globalObject: "globalThis",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { noEmit: false } },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        // functions.js stays one self-contained file (Excel may load it on its own); the pane splits.
        chunks: (chunk) => chunk.name !== "functions" && chunk.name !== "commands",
      },
      // Shortest ids for the most used modules: functions.js holds hundreds of small CommonJS modules
      // (@stdlib), each required by id, and it has a size budget (test/build/bundle.test.ts).
      ...(dev ? {} : { moduleIds: "size" }),
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: ["./src/functions/analytics.ts", "./src/functions/reference.ts"],
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the task-pane page is also the functions' and commands' runtime.
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
        templateParameters: { devConnectSrc: serving ? ` wss://localhost:${DEV_PORT}` : "" },
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          // Images the README (published as help.html) shows.
          { from: "docs/*.png", to: "docs/[name][ext]" },
        ],
      }),
      new HelpPagePlugin(path.resolve(__dirname, "README.md")),
      ...(prodUrl ? [new ProductionUrlPlugin(prodUrl)] : []),
    ],
    devServer: {
      host: "localhost",
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? { type: "https", options: await devServerHttpsOptions() } : undefined,
      static: false,
      client: { overlay: false },
    },
  };
};
