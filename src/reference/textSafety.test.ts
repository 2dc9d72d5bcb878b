import { createExcelDouble } from "../../test/excel-double";
import {
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
