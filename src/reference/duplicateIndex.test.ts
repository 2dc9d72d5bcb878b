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

describe("keys of parts checked apart", () => {
  it("finds a key one part shares with another, names compared normalised", () => {
    const first = new DuplicateIndex();
    first.firstRow("Retail", "Gross margin", 2024, "", 4);
    const second = new DuplicateIndex();
    second.firstRow("Cafes", "Gross margin", 2024, "", 900);
    expect(first.sharesKeyWith(second.keys())).toBe(false);
    second.firstRow("  RETAIL ", "gross  margin", 2024, "", 901);
    expect(first.sharesKeyWith(second.keys())).toBe(true);
    const otherYear = new DuplicateIndex();
    otherYear.firstRow("Retail", "Gross margin", 2023, "", 5);
    expect(first.sharesKeyWith(otherYear.keys())).toBe(false);
  });

  it("takes in another part's keys with their first rows", () => {
    const whole = new DuplicateIndex();
    const part = new DuplicateIndex();
    for (let i = 0; i < 5000; i++) part.firstRow(`Industry ${i}`, "Margin", undefined, "EU", i + 2);
    whole.addKeys(part.keys());
    expect(whole.firstRow("industry 4321", "margin", undefined, "eu", 99999)).toBe(4323);
    expect(whole.firstRow("Industry 5000", "Margin", undefined, "EU", 99999)).toBeUndefined();
  });
});
