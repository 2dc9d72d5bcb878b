/**
 * The ribbon's ExecuteFunction controls and the actions the shared runtime registers match exactly:
 * a control without a handler does nothing in Excel, a handler without a control is dead code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RIBBON_ACTIONS } from "../../src/commands/commands";

const manifest = readFileSync(join(__dirname, "../../manifest.xml"), "utf8");

it("registers exactly the actions that the manifest's ExecuteFunction controls name", () => {
  const named = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]);
  expect(Object.keys(RIBBON_ACTIONS).sort()).toEqual([...new Set(named)].sort());
});

it("the Home tab button opens the pane declaratively (no action needed)", () => {
  expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
  expect(Object.keys(RIBBON_ACTIONS)).not.toContain("Crossbench.OpenPane");
});
