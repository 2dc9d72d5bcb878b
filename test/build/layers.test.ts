/**
 * The dependency rules of the pane's contract: src/taskpane/paneActions.ts imports nothing, and
 * src/excel implements it without importing any other pane code (the composition root lives in
 * src/taskpane/excelActions.ts). Read from the source's import statements, static and dynamic.
 */
import { readdirSync, readFileSync } from "fs";
import path from "path";
import ts from "typescript";

const SRC = path.resolve(__dirname, "../../src");

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']/gm),
    ...text.matchAll(/\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specifiers;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("the pane's contract", () => {
  it("imports nothing", () => {
    expect(importsOf(path.join(SRC, "taskpane/paneActions.ts"))).toEqual([]);
  });

  it("is the only pane module src/excel imports", () => {
    const offending: string[] = [];
    for (const file of filesUnder(path.join(SRC, "excel"))) {
      for (const specifier of importsOf(file)) {
        const target = path.resolve(path.dirname(file), specifier);
        if (
          target.startsWith(path.join(SRC, "taskpane")) &&
          target !== path.join(SRC, "taskpane/paneActions")
        )
          offending.push(`${path.relative(SRC, file)} -> ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("declares ImportProblem exactly as src/reference/importProblem.ts does (it cannot import it)", () => {
    const members = (file: string) => {
      const source = ts.createSourceFile(
        file,
        readFileSync(path.join(SRC, file), "utf8"),
        ts.ScriptTarget.ES2020
      );
      const found = source.statements.find(
        (s): s is ts.InterfaceDeclaration =>
          ts.isInterfaceDeclaration(s) && s.name.text === "ImportProblem"
      );
      return found?.members.filter(ts.isPropertySignature).map((m) => ({
        name: m.name.getText(source),
        optional: Boolean(m.questionToken),
        type: m.type?.getText(source).replace(/\s+/g, " "),
      }));
    };
    const reference = members("reference/importProblem.ts");
    expect(reference?.length).toBeGreaterThan(3);
    expect(members("taskpane/paneActions.ts")).toEqual(reference);
  });
});
