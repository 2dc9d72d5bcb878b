import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";

const { normaliseAddinUrl, rewriteDevUrl } = require("../../scripts/production-url.cjs");

const { ProductionUrlPlugin } = require("../../scripts/webpack-plugins.cjs");

describe("ADDIN_URL handling", () => {
  it("normalises the production URL and refuses anything but https", () => {
    expect(normaliseAddinUrl(undefined)).toBeNull();
    expect(normaliseAddinUrl("  ")).toBeNull();
    expect(normaliseAddinUrl("https://addins.example.com/crossbench")).toBe(
      "https://addins.example.com/crossbench/"
    );
    expect(normaliseAddinUrl("https://addins.example.com/")).toBe("https://addins.example.com/");
    expect(() => normaliseAddinUrl("http://addins.example.com/")).toThrow(/https/);
    expect(() => normaliseAddinUrl('https://a.example.com/"x')).toThrow(/quotes/);
  });

  it("replaces every occurrence, not only the first", () => {
    const text = "a https://localhost:3000/x b https://localhost:3000/y c https://localhost:3000/";
    const { text: out, localhostLeft } = rewriteDevUrl(text, "https://prod.example.com/app/");
    expect(out).toBe(
      "a https://prod.example.com/app/x b https://prod.example.com/app/y c https://prod.example.com/app/"
    );
    expect(localhostLeft).toBe(false);
  });

  it("reports localhost that the rewrite could not replace", () => {
    expect(
      rewriteDevUrl("see http://localhost:8080/", "https://prod.example.com/").localhostLeft
    ).toBe(true);
  });
});

/** Runs a tiny webpack compilation that emits the given manifest and applies ProductionUrlPlugin. */
function compileWithManifest(
  manifest: string,
  url: string
): Promise<{ errors: string[]; manifest: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "prod-url-"));
  writeFileSync(path.join(dir, "entry.js"), "module.exports = 1;\n");
  const emitManifest = {
    apply(compiler: webpack.Compiler) {
      compiler.hooks.thisCompilation.tap("EmitManifest", (compilation) => {
        compilation.hooks.processAssets.tap(
          { name: "EmitManifest", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
          () => {
            compilation.emitAsset("manifest.xml", new webpack.sources.RawSource(manifest));
          }
        );
      });
    },
  };
  const compiler = webpack({
    mode: "production",
    context: dir,
    entry: "./entry.js",
    output: { path: path.join(dir, "dist") },
    plugins: [emitManifest, new ProductionUrlPlugin(url)],
  });
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      if (error || !stats) return reject(error);
      const errors = stats.compilation.errors.map((e) => e.message);
      let written = "";
      try {
        written = readFileSync(path.join(dir, "dist", "manifest.xml"), "utf8");
      } catch {
        written = "";
      }
      compiler.close(() => resolve({ errors, manifest: written }));
    });
  });
}

describe("ProductionUrlPlugin in a webpack compilation", () => {
  it("rewrites every dev URL in the manifest", async () => {
    const { errors, manifest } = await compileWithManifest(
      '<a href="https://localhost:3000/taskpane.html"/><b href="https://localhost:3000/functions.json"/>',
      "https://prod.example.com/"
    );
    expect(errors).toEqual([]);
    expect(manifest).toBe(
      '<a href="https://prod.example.com/taskpane.html"/><b href="https://prod.example.com/functions.json"/>'
    );
  });

  it("fails the build when localhost remains", async () => {
    const { errors } = await compileWithManifest(
      '<a href="https://localhost:3000/x"/><c href="https://localhost:4000/y"/>',
      "https://prod.example.com/"
    );
    expect(errors.join("\n")).toMatch(/manifest\.xml still contains "localhost"/);
  });
});
