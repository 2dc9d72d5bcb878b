/**
 * Builds the add-in for production (ADDIN_URL set) into a temporary folder and checks what Excel will
 * load: the manifest's URLs, functions.json, a functions.js that loads without a DOM or React and
 * registers every function, and the task-pane page.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync } from "fs";
import os from "os";
import path from "path";
import vm from "vm";
import { gzipSync } from "zlib";
import { createCustomFunctionsGlobal } from "../support/customFunctionsGlobal";

/** functions.js is loaded by Excel before any BENCH result shows: budget in gzip bytes. */
export const FUNCTIONS_GZIP_BUDGET_BYTES = 60 * 1024;

const ROOT = path.resolve(__dirname, "../..");
const PRODUCTION_URL = "https://addins.example.com/crossbench/";
let out = "";
let buildLog = "";
let buildStatus: number | null = null;

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "crossbench-dist-"));
  const build = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "webpack"),
    ["--mode", "production", "--output-path", out],
    {
      cwd: ROOT,
      env: { ...process.env, ADDIN_URL: PRODUCTION_URL },
      encoding: "utf8",
    }
  );
  buildStatus = build.status;
  buildLog = `${build.stdout}\n${build.stderr}`;
}, 300_000);

interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: { name: string; description?: string }[];
}

describe("production build", () => {
  it("succeeds", () => {
    if (buildStatus !== 0) throw new Error(`webpack failed:\n${buildLog.slice(-4000)}`);
  });

  it("writes the files Excel loads", () => {
    for (const file of [
      "taskpane.html",
      "functions.js",
      "functions.json",
      "commands.html",
      "manifest.xml",
      "help.html",
      "assets/icon-32.png",
      "assets/icon-80.png",
    ]) {
      expect(existsSync(path.join(out, file))).toBe(true);
    }
  });

  it("puts ADDIN_URL everywhere in the manifest and leaves no localhost", () => {
    const manifest = readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(manifest).not.toMatch(/localhost/i);
    const urls = [...manifest.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url.startsWith(PRODUCTION_URL)).toBe(true);
  });

  it("generates functions.json from JSDoc with descriptions for every function and parameter", () => {
    const metadata = JSON.parse(readFileSync(path.join(out, "functions.json"), "utf8")) as {
      functions: FunctionMetadata[];
    };
    expect(metadata.functions.length).toBeGreaterThan(0);
    for (const fn of metadata.functions) {
      expect(fn.description?.length ?? 0).toBeGreaterThan(10);
      for (const parameter of fn.parameters)
        expect(`${fn.id}.${parameter.name}: ${parameter.description ?? ""}`).toMatch(/: .{5,}/);
    }
    expect(JSON.stringify(metadata)).not.toMatch(/localhost/);
  });

  it("loads functions.js without a DOM and associates every function in functions.json", () => {
    const metadata = JSON.parse(readFileSync(path.join(out, "functions.json"), "utf8")) as {
      functions: FunctionMetadata[];
    };
    const registered = new Map<string, unknown>();
    const customFunctions = createCustomFunctionsGlobal();
    // Only what a JavaScript runtime without a page has: no window, document, self or React.
    const sandbox: Record<string, unknown> = {
      console,
      setTimeout,
      clearTimeout,
      TextEncoder,
      TextDecoder,
      CustomFunctions: {
        ...customFunctions,
        associate: (id: string, fn: unknown) => registered.set(id.toUpperCase(), fn),
      },
    };
    vm.createContext(sandbox);
    vm.runInContext(readFileSync(path.join(out, "functions.js"), "utf8"), sandbox, {
      filename: "functions.js",
    });
    const ids = metadata.functions.map((f) => f.id.toUpperCase()).sort();
    expect([...registered.keys()].sort()).toEqual(ids);
    for (const fn of registered.values()) expect(typeof fn).toBe("function");
  });

  it("keeps functions.js within its budget and free of the import code", () => {
    const functionsJs = readFileSync(path.join(out, "functions.js"));
    expect(gzipSync(functionsJs).length).toBeLessThanOrEqual(FUNCTIONS_GZIP_BUDGET_BYTES);
    // The source map names every module bundled: no writer, validator, CSV parser or xlsx reader.
    const sources = (
      JSON.parse(readFileSync(path.join(out, "functions.js.map"), "utf8")) as { sources: string[] }
    ).sources.join("\n");
    expect(sources).not.toMatch(
      /referenceWriter|reference\/validate|papaparse|exceljs|importPipeline|parsers/
    );
    expect(sources).toMatch(/referenceSync/);
  });

  it("serves a task pane that loads office.js from Microsoft's CDN under a Content-Security-Policy", () => {
    const html = readFileSync(path.join(out, "taskpane.html"), "utf8");
    // The production build minifies HTML, so attribute quotes are optional here.
    expect(html).toMatch(
      /src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/
    );
    expect(html).toMatch(/http-equiv="?Content-Security-Policy"?/);
    // Shared runtime: the pane page also loads the functions and commands bundles.
    expect(html).toMatch(/src="?functions\.js"?>/);
    expect(html).toMatch(/src="?commands\.js"?>/);
  });

  it("publishes the README as help.html with the function anchors @helpurl points to", () => {
    const help = readFileSync(path.join(out, "help.html"), "utf8");
    const metadata = JSON.parse(readFileSync(path.join(out, "functions.json"), "utf8")) as {
      functions: (FunctionMetadata & { helpUrl?: string })[];
    };
    for (const fn of metadata.functions.filter((f) => f.helpUrl)) {
      const anchor = fn.helpUrl!.split("#")[1];
      expect(fn.helpUrl!.startsWith(`${PRODUCTION_URL}help.html#`)).toBe(true);
      expect(help).toMatch(new RegExp(`id="?${anchor}"?[ >]`));
    }
  });

  it("ships every image the help page shows", () => {
    const help = readFileSync(path.join(out, "help.html"), "utf8");
    const images = [...help.matchAll(/<img[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(existsSync(path.join(out, image))).toBe(true);
  });
});
