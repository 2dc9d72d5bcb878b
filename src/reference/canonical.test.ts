import { readFileSync } from "fs";
import path from "path";
import {
  CANONICAL_COLUMNS,
  fieldHelpText,
  fieldTableMarkdown,
  unmetRequirements,
} from "./canonical";

describe("the field table", () => {
  it("is what the README's canonical-format table shows", () => {
    const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    const section = /<!-- field-table:start[^>]*-->\n([\s\S]*?)\n<!-- field-table:end -->/.exec(
      readme
    );
    expect(section?.[1]).toBe(fieldTableMarkdown());
  });

  it("gives the CLI's help the same kinds and ranges as the README", () => {
    const help = fieldHelpText().split("\n");
    const table = fieldTableMarkdown().split("\n").slice(2);
    expect(help).toHaveLength(table.length);
    table.forEach((row, i) => {
      const [, kind, required] = row.split(" | ");
      expect(help[i]).toContain(`${kind}, ${required}: `);
    });
    expect(help.find((line) => line.trim().startsWith("year"))).toContain("integer, 1900–2100");
  });

  it("declares every field once, with a label and a kind", () => {
    const fields = CANONICAL_COLUMNS.map((c) => c.field);
    expect(new Set(fields).size).toBe(fields.length);
    for (const c of CANONICAL_COLUMNS) expect(c.label.length).toBeGreaterThan(0);
  });

  describe("unmetRequirements", () => {
    const fields = (mapped: string[], defaults = {}, layout: "long" | "wide" = "long") =>
      unmetRequirements(mapped, defaults, layout).map((r) => r.field);

    it("asks a long table for industry, metric, source and a statistic, in field-table order", () => {
      expect(fields([])).toEqual(["industry", "metric", "source", "statistic"]);
      expect(fields(["industry", "metric", "source", "p90"])).toEqual([]);
      // unit and direction depend on each row's metric (the catalogue knows some), so not here.
      expect(fields(["industry", "metric", "source", "value"])).not.toContain("unit");
    });

    it("lets a default stand in for source only, and not when it is blank", () => {
      expect(fields(["industry", "metric", "median"], { source: "Own survey" })).toEqual([]);
      expect(fields(["industry", "metric", "median"], { source: "  " })).toEqual(["source"]);
      expect(fields(["metric", "median", "source"], { industry: "Retail" } as object)).toEqual([
        "industry",
      ]);
      const [source] = unmetRequirements(["industry", "metric", "median"], {}, "long");
      expect(source).toEqual({
        field: "source",
        label: "Source",
        why: "No column is mapped to source and no default source was given: every figure needs its provenance.",
        byDefault: true,
      });
    });

    it("takes industry, metric and figures of a wide table from its layout; only the source is asked for", () => {
      expect(fields([], {}, "wide")).toEqual(["source"]);
      expect(unmetRequirements([], {}, "wide")[0].why).toBe(
        "A wide table has no source column: give the source (publisher, dataset) for its figures."
      );
      expect(fields([], { source: "Ratio sheet" }, "wide")).toEqual([]);
    });

    it("words the missing statistic as the validator does", () => {
      expect(unmetRequirements(["industry", "metric", "source"], {}, "long")).toEqual([
        {
          field: "statistic",
          label: "a statistic (P10 … Value)",
          why: "No statistic column (p10, p25, median, p75, p90, mean or value) is mapped.",
          byDefault: false,
        },
      ]);
    });
  });
});
