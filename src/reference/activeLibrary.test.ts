import { getActiveLibrary, getActiveProfile, setWorkbookReferenceValues } from "./activeLibrary";
import { ReferenceValue } from "./model";

const row: ReferenceValue = {
  industry: "Bakeries",
  metric: "Gross margin",
  unit: "%",
  direction: "higher",
  region: "",
  statistics: { median: 0.5 },
  source: "Own",
  illustrative: false,
};

afterEach(() => setWorkbookReferenceValues([]));

describe("active library", () => {
  it("is shared between separately bundled copies of the module (task pane and functions.js)", () => {
    let otherCopy: typeof import("./activeLibrary") | undefined;
    jest.isolateModules(() => {
      otherCopy = jest.requireActual<typeof import("./activeLibrary")>("./activeLibrary");
    });
    expect(otherCopy!.getActiveLibrary()).not.toBe(getActiveLibrary());
    expect(otherCopy!.getActiveLibrary().industries()).not.toContain("Bakeries");
    setWorkbookReferenceValues([row]);
    expect(otherCopy!.getActiveLibrary().industries()).toContain("Bakeries");
    otherCopy!.setWorkbookReferenceValues([]);
    expect(getActiveLibrary().industries()).not.toContain("Bakeries");
  });

  it("rebuilds its index and profile only when the workbook rows change", () => {
    const first = getActiveLibrary();
    const profile = getActiveProfile();
    expect(getActiveLibrary()).toBe(first);
    expect(getActiveProfile()).toBe(profile);
    setWorkbookReferenceValues([row]);
    expect(getActiveLibrary()).not.toBe(first);
    expect(getActiveProfile()).not.toBe(profile);
    expect(getActiveProfile().some((e) => e.industry === "bakeries")).toBe(true);
  });
});
