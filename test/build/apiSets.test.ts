/**
 * The requirement-set check (scripts/check-api-sets.ts) under `npm test`: every Office API the code uses
 * is within what manifest.xml declares or guarded by a requirement-set check on its path; what
 * functions.json needs is declared or degrades by design; README's table is the generated one. A fixture
 * shows the check reports an unguarded use and accepts a guarded one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import {
  ApiSetReport,
  checkApiSets,
  collectApiUses,
  covered as isCovered,
  declaredSets,
  README_END,
  README_START,
  requirementSetTable,
} from "../../scripts/check-api-sets";

const ROOT = path.join(__dirname, "../..");
let report: ApiSetReport;

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(
    ["src/functions/analytics.ts", "src/functions/reference.ts"].map((f) => path.join(ROOT, f)),
    false
  );
  report = checkApiSets(JSON.parse(generated.metadataJson));
}, 240_000);

it("finds the add-in's Office API uses with their requirement sets", () => {
  const sets = (api: string) => [
    ...new Set(report.uses.filter((u) => u.api === api).map((u) => `${u.set} ${u.version}`)),
  ];
  expect(sets("Excel.RunOptions.mergeUndoGroup")).toEqual(["ExcelApi 1.20"]);
  expect(sets("Excel.Workbook.getSelectedRanges")).toEqual(["ExcelApi 1.9"]);
  expect(sets("Excel.WorksheetProtection.protect")).toEqual(["ExcelApi 1.2"]);
  expect(sets("Excel.DataValidation.rule")).toEqual(["ExcelApi 1.8"]);
  expect(sets("CustomFunctions.Error")).toEqual(["CustomFunctionsRuntime 1.2"]);
  expect(report.uses.length).toBeGreaterThan(100);
});

it("no use needs more than manifest.xml declares without a requirement-set check on its path", () => {
  expect(report.declared).toEqual({
    SharedRuntime: "1.1",
    CustomFunctionsRuntime: "1.2",
    ExcelApi: "1.8",
  });
  expect(report.violations).toEqual([]);
});

it("what functions.json needs is declared, or ignored by older hosts and handled both ways", () => {
  expect(report.featureViolations).toEqual([]);
  expect(report.functionFeatures).toEqual([
    expect.objectContaining({
      feature: "allowCustomDataForDataTypeAny",
      set: "CustomFunctionsRuntime",
      version: "1.4",
      optional: expect.stringMatching(/args\.ts reads both shapes/),
    }),
  ]);
});

it("README's requirement-set table is the generated one (npx tsx scripts/check-api-sets.ts --readme)", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  expect(start).toBeGreaterThan(0);
  expect(readme.slice(start + README_START.length, end).trim()).toBe(requirementSetTable(report));
});

describe("the check itself", () => {
  const fixture = path.join(__dirname, "fixtures/apiSetUses.ts");
  let uses: ReturnType<typeof collectApiUses>;
  beforeAll(() => {
    uses = collectApiUses([fixture]);
  }, 240_000);

  const declared = { ExcelApi: "1.8" };
  const covered = (use: (typeof uses)[number]): boolean => isCovered(use, declared);
  const inFunction = (name: string) => {
    const source = readFileSync(fixture, "utf8").split("\n");
    const first = source.findIndex((line) => line.includes(`function ${name}(`)) + 1;
    const next = source.findIndex((line, i) => i >= first && line.startsWith("export "));
    return uses.filter((u) => {
      const line = Number(u.location.split(":")[1]);
      return line > first && (next < 0 || line <= next);
    });
  };

  it("reports uses above the manifest that no check guards", () => {
    const unguarded = inFunction("unguardedUses").filter((u) => u.version !== "1.1");
    expect(unguarded.map((u) => `${u.api} ${u.version}`).sort()).toEqual([
      "Excel.Application.suspendScreenUpdatingUntilNextSync 1.9",
      "Excel.RunOptions.mergeUndoGroup 1.20",
    ]);
    expect(unguarded.some(covered)).toBe(false);
    expect(
      declaredSets(
        '<Requirements><Sets><Set Name="ExcelApi" MinVersion="1.8"/></Sets></Requirements>'
      )
    ).toEqual(declared);
  });

  it("accepts uses behind if (supports(...)) and after if (!supports(...)) return", () => {
    const guarded = inFunction("guardedUses").filter((u) => u.version !== "1.1");
    expect(guarded.length).toBe(2);
    expect(guarded.every(covered)).toBe(true);
  });

  it("a check for a lower version does not cover a use that needs a higher one", () => {
    const tooLow = inFunction("guardedTooLow").filter((u) => u.version === "1.20");
    expect(tooLow).toHaveLength(1);
    expect(covered(tooLow[0])).toBe(false);
  });
});
