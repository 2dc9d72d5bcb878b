import { DuplicateIndex } from "./duplicateIndex";

describe("DuplicateIndex", () => {
  it("gives the first row of a key, comparing names as normaliseName does", () => {
    const index = new DuplicateIndex();
    expect(index.firstRow("Retail", "Gross margin", 2024, "Europe", 2)).toBeUndefined();
    expect(index.firstRow("retail", "gross-margin", 2024, " EUROPE ", 7)).toBe(2);
    expect(index.firstRow("Retail", "Gross margin", 2025, "Europe", 8)).toBeUndefined();
    expect(index.firstRow("Retail", "Gross margin", undefined, "Europe", 9)).toBeUndefined();
    expect(index.firstRow("Retail", "Gross margin", undefined, "", 10)).toBeUndefined();
    expect(index.firstRow("Retail", "Gross margin", undefined, "Europe", 11)).toBe(9);
  });

  it("keeps every key while it grows, and tells keys that a joined string would confuse apart", () => {
    const index = new DuplicateIndex();
    for (let i = 0; i < 50_000; i++)
      expect(index.firstRow(`Industry ${i % 97}`, `Metric ${i}`, 2025, "", i + 2)).toBeUndefined();
    for (let i = 0; i < 50_000; i += 997)
      expect(index.firstRow(`industry ${i % 97}`, `metric ${i}`, 2025, "", 1e6)).toBe(i + 2);
    expect(index.firstRow("a|b", "c", 2025, "", 1)).toBeUndefined();
    expect(index.firstRow("a", "b|c", 2025, "", 2)).toBeUndefined();
  });
});
