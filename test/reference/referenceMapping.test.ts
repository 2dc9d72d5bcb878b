import { createExcelDouble, ExcelDouble } from "../excel-double";
import {
  MAPPING_SETTING_KEY,
  headerSignature,
  loadReferenceMapping,
  saveReferenceMapping,
} from "../../src/excel/referenceMapping";
import { suggestMapping } from "../../src/reference/mapping";

let double: ExcelDouble;
beforeEach(() => {
  double = createExcelDouble();
  double.install();
});
afterEach(() => double.uninstall());

describe("remembered column mappings", () => {
  const headers = ["Sector", "KPI", "Middle value", "Where from"];

  it("saves a mapping per header row and returns it for the same headers, spelled differently", async () => {
    const mapping = { ...suggestMapping(headers), median: "Middle value", source: "Where from" };
    await saveReferenceMapping(headers, mapping);
    expect(await loadReferenceMapping(["sector", " KPI ", "middle_value", "Where from"])).toEqual(
      mapping
    );
    expect(await loadReferenceMapping(["Other"])).toBeUndefined();
    expect(typeof double.state.settings()[MAPPING_SETTING_KEY]).toBe("string");
  });

  it("replaces the entry for the same headers and ignores a corrupt setting", async () => {
    await saveReferenceMapping(headers, { industry: "Sector" });
    await saveReferenceMapping(headers, { industry: "KPI" });
    expect(await loadReferenceMapping(headers)).toEqual({ industry: "KPI" });
    expect(JSON.parse(String(double.state.settings()[MAPPING_SETTING_KEY]))).toHaveLength(1);
    double.state.setSetting(MAPPING_SETTING_KEY, "{broken");
    expect(await loadReferenceMapping(headers)).toBeUndefined();
    expect(headerSignature(["A b", "C-d"])).toBe("a b|c d");
  });
});
