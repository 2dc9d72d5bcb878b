import { readFileSync } from "fs";
import path from "path";
import {
  CANONICAL_COLUMNS,
  REQUIRED_FIELDS,
  fieldHelpText,
  fieldTableMarkdown,
  isFieldRequired,
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

  it("marks industry, metric and source required; a default source lifts the last", () => {
    expect(REQUIRED_FIELDS).toEqual(["industry", "metric", "source"]);
    expect(isFieldRequired("source")).toBe(true);
    expect(isFieldRequired("source", { source: "Own survey" })).toBe(false);
    expect(isFieldRequired("unit")).toBe(false);
  });
});
