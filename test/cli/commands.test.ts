/** `crossbench practices`, `--version`, `--help`, and what the build loads for each command. */
import { spawnSync } from "child_process";
import { readFileSync } from "fs";
import { builtinModules } from "module";
import path from "path";
import { PRACTICE_LIBRARY } from "../../src/reference/practices";
import { findPractices } from "../../src/reference/practiceSearch";
import { getActiveProfile } from "../../src/reference/activeLibrary";
import { matchPractices } from "../../src/taskpane/adapters/practiceAdapter";
import { PACKAGE_VERSION, ROOT, lines, runCli, tempFolder } from "./run";

const { buildCli } = require("../../scripts/build-cli.cjs") as {
  buildCli: (options: { outDir: string; version: string }) => Promise<unknown>;
};

interface Listing {
  id: string;
  practice: string;
  fitEstimate: number;
  fitParts: { criterion: string; rating: number }[];
  why: string;
}

describe("crossbench practices", () => {
  it.each<[{ industry?: string; challenge?: string }]>([
    [{ challenge: "customer loyalty" }],
    [{ industry: "Restaurants" }],
    [{ industry: "restaurants", challenge: "inventory" }],
    [{}],
  ])("%j: the ranker's order with the pane's fit estimate, as JSON", async (query) => {
    const args = [
      ...(query.industry ? ["--industry", query.industry] : []),
      ...(query.challenge ? ["--challenge", query.challenge] : []),
    ];
    const result = await runCli(["practices", ...args, "--json"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    const listings = JSON.parse(result.stdout) as Listing[];
    const pane = matchPractices(
      PRACTICE_LIBRARY,
      getActiveProfile(),
      query.industry ?? "",
      query.challenge ?? ""
    );
    // The pane's order (best answer to the words, then fit), over the practices the ranker finds.
    expect(listings.map((l) => l.id)).toEqual(pane.map((m) => m.id));
    expect([...listings.map((l) => l.id)].sort()).toEqual(
      findPractices(query)
        .map((p) => p.id)
        .sort()
    );
    expect(listings.length).toBeGreaterThan(0);
    for (const listing of listings) {
      const shown = pane.find((m) => m.id === listing.id)!;
      expect(listing.fitEstimate).toBe(Math.round(shown.fitEstimate));
      expect(listing.fitParts.map((part) => part.criterion)).toEqual([
        "Problem match",
        "Industry proximity",
        "Resource fit",
      ]);
      expect(listing.why).toBe(`From ${shown.sourceIndustry} · answers: ${shown.challenge}`);
    }
  });

  it("prints a table for people", async () => {
    const result = await runCli([
      "practices",
      "--industry",
      "Restaurants",
      "--challenge",
      "inventory",
    ]);
    expect(result.code).toBe(0);
    const expected = matchPractices(
      PRACTICE_LIBRARY,
      getActiveProfile(),
      "Restaurants",
      "inventory"
    );
    const out = lines(result.stdout);
    expect(out[0]).toBe(
      `${expected.length} ${expected.length === 1 ? "practice" : "practices"} for Restaurants, answering "inventory", best first:`
    );
    expect(out[1]).toMatch(/^fit\s+effort\s+practice\s+from\s+answers$/);
    expect(out[2]).toContain(expected[0].practice);
    expect(out[2]).toMatch(/^\s*\d{1,3}\s+(low|medium|high)\s/);
    expect(out.at(-1)).toMatch(/^fit: the quick estimate/);
  });

  it("says so when nothing matches (exit 0)", async () => {
    const result = await runCli(["practices", "--challenge", "qqqq zzzz"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^No practice matches/);
    expect(
      JSON.parse((await runCli(["practices", "--challenge", "qqqq zzzz", "--json"])).stdout)
    ).toEqual([]);
  });

  it("takes an industry the library lacks as the user's own: every practice is a candidate", async () => {
    const listings = JSON.parse(
      (await runCli(["practices", "--industry", "Bakeries of Mars", "--json"])).stdout
    ) as Listing[];
    expect(listings).toHaveLength(PRACTICE_LIBRARY.length);
  });
});

describe("crossbench --version and --help", () => {
  it("prints the package's version", async () => {
    const result = await runCli(["--version"]);
    expect([result.code, result.stdout]).toEqual([0, `${PACKAGE_VERSION}\n`]);
  });

  it("prints the version embedded at build time, not a fallback", async () => {
    const outDir = tempFolder("crossbench-cli-build-");
    await buildCli({ outDir, version: "9.8.7-test" });
    const result = spawnSync(process.execPath, [path.join(outDir, "crossbench.mjs"), "--version"], {
      encoding: "utf8",
      cwd: outDir,
    });
    expect([result.status, result.stdout]).toEqual([0, "9.8.7-test\n"]);
  });

  it("lists every command", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of ["reference", "workbook", "practices"])
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it("exits 2 for an unknown command", async () => {
    const result = await runCli(["benchmark"]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual(["error: unknown command 'benchmark'"]);
  });
});

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<
    string,
    {
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
    }
  >;
}

describe("the build", () => {
  const meta = JSON.parse(
    readFileSync(path.join(ROOT, "node_modules/.cache/crossbench-cli/meta.json"), "utf8")
  ) as Metafile;
  const entry = Object.keys(meta.outputs).find((o) => o.endsWith("dist-cli/crossbench.mjs"))!;

  it("loads neither exceljs nor papaparse nor the templates at start-up", () => {
    const loaded = new Set<string>();
    const visit = (output: string): void => {
      if (loaded.has(output)) return;
      loaded.add(output);
      for (const i of meta.outputs[output].imports)
        if (i.kind === "import-statement" && !i.external) visit(i.path);
    };
    visit(entry);
    const inputs = [...loaded].flatMap((o) => Object.keys(meta.outputs[o].inputs));
    expect(inputs.some((i) => i.includes("node_modules/commander/"))).toBe(true);
    expect(
      inputs.filter((i) =>
        /node_modules\/(exceljs|papaparse)\/|src\/templates\/(index|renderXlsx|defaults)/.test(i)
      )
    ).toEqual([]);
  });

  it("bundles every library: the program imports only Node's built-in modules", () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const external = Object.values(meta.outputs).flatMap((o) =>
      o.imports.filter((i) => i.external).map((i) => i.path)
    );
    expect(external.filter((name) => !builtins.has(name))).toEqual([]);
  });
});
