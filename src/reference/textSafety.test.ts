import { createExcelDouble } from "../../test/excel-double";
import { literalForExcel } from "../excel/templates";
import { fileValue } from "../templates/renderXlsx";
import type { ResolvedCell } from "../templates/resolve";
import {
  cellText,
  findXmlForbiddenCharacter,
  excelTextInput,
  neutraliseFormulaText,
  startsLikeFormula,
  unescapeLeadingQuote,
} from "./textSafety";

describe("formula-injection neutralisation", () => {
  it.each(["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-1+1", "\t=1+1", "\r=1+1"])(
    "marks OWASP payload %j",
    (payload) => {
      expect(startsLikeFormula(payload)).toBe(true);
      expect(neutraliseFormulaText(payload)).toBe(`'${payload}`);
      expect(unescapeLeadingQuote(neutraliseFormulaText(payload))).toBe(payload);
    }
  );

  it.each(["Retail", "'90s diner", "a=b", ""])(
    "leaves ordinary text %j alone in CSV output",
    (text) => {
      expect(neutraliseFormulaText(text)).toBe(text);
      expect(unescapeLeadingQuote(text)).toBe(text);
    }
  );
});

describe("excelTextInput", () => {
  const texts = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1)",
    "311811",
    "1,234.5",
    "35%",
    "TRUE",
    "false",
    "#N/A",
    "2024-05",
    "2024-05-06",
    "'quoted",
    "''",
    "Retail",
    "44-45",
    "Own survey",
    "a=b",
    "Mar 2025",
    "10:30",
    "$120",
    " 42 ",
  ];

  it.each(texts)("makes Range.values keep %j as exactly that text", (text) => {
    const double = createExcelDouble();
    double.install();
    try {
      double.state.addSheet("T");
      double.state.setValues("T", "A1", [[excelTextInput(text)]]);
      const cell = double.state.cell("T", "A1");
      expect({ value: cell.value, formula: cell.formula, type: cell.valueType }).toEqual({
        value: text,
        formula: undefined,
        type: "String",
      });
    } finally {
      double.uninstall();
    }
  });

  it.each(["Retail", "Own survey", "a=b", "Industry 7"])(
    "adds nothing to plain text %j",
    (text) => {
      expect(excelTextInput(text)).toBe(text);
    }
  );
});

describe("one text-safety function for every writer", () => {
  // Text a user's reference file can hold that Excel would turn into something else when typed.
  const risky = [
    "#N/A",
    "#DIV/0!",
    "1e3",
    "''=1+1",
    "'quoted",
    "1,234.5",
    "$120",
    "2024-05",
    "Mar 2025",
    "10:30",
    "TRUE",
    "(1.200)",
    "(1,200)",
    "12 %",
  ];

  it.each(risky)(
    "the task-pane template renderer writes %j as the reference writer does",
    (text) => {
      expect(literalForExcel(text)).toBe(cellText(text, "range"));
      expect(literalForExcel(text)).toBe(`'${text}`);
    }
  );

  it.each(risky)("Range.values keeps %j as exactly that text through the renderer", (text) => {
    const double = createExcelDouble();
    double.install();
    try {
      double.state.addSheet("T");
      double.state.setValues("T", "A1", [[literalForExcel(text)]]);
      expect(double.state.cell("T", "A1")).toMatchObject({ value: text, valueType: "String" });
    } finally {
      double.uninstall();
    }
  });

  it("the .xlsx renderer stores user text as it is, minus characters XML cannot hold", () => {
    const cell = (value: string): ResolvedCell => ({ value }) as ResolvedCell;
    expect(fileValue(cell("#N/A"), 0, 0)).toBe("#N/A");
    expect(fileValue(cell("''=1+1"), 0, 0)).toBe("''=1+1");
    expect(fileValue(cell("Re\uffffta\u0001il\ud800"), 0, 0)).toBe("Re\ufffdta\ufffdil\ufffd");
    expect(fileValue(cell("tab\tnew\nline \u{1f600}"), 0, 0)).toBe("tab\tnew\nline \u{1f600}");
  });

  it("finds the first character XML forbids", () => {
    expect(findXmlForbiddenCharacter("ok\u0000")).toEqual({ index: 2, codePoint: 0 });
    expect(findXmlForbiddenCharacter("\u{1f600}")).toBeUndefined();
    expect(findXmlForbiddenCharacter("a\udc00")).toEqual({ index: 1, codePoint: 0xdc00 });
  });
});
