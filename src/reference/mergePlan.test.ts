import fc from "fast-check";
import { toCanonicalRow } from "./canonical";
import { checkWritten, chunkByBytes, ExistingRow, planMerge, writtenCorrectly } from "./mergePlan";
import { ReferenceValue, referenceKey } from "./model";

const value = (over: Partial<ReferenceValue> = {}): ReferenceValue => ({
  industry: "Bakeries",
  metric: "Gross margin",
  unit: "%",
  direction: "higher",
  region: "",
  year: 2024,
  statistics: { median: 0.5 },
  source: "Own survey",
  illustrative: false,
  ...over,
});

const existingOf = (values: ReferenceValue[]): ExistingRow[] =>
  values.map((v, index) => ({
    key: referenceKey(v),
    index,
    // The table gives "" for blank cells.
    cells: toCanonicalRow(v).map((c) => c ?? ""),
  }));

describe("planMerge", () => {
  const table = existingOf([
    value(),
    value({
      metric: "Days sales outstanding",
      unit: "days",
      direction: "lower",
      statistics: { median: 30 },
    }),
    value({ metric: "Net margin", statistics: { median: 0.1 } }),
  ]);
  const incoming = [
    value(), // unchanged
    value({
      metric: "Days sales outstanding",
      unit: "ratio",
      direction: "lower",
      statistics: { median: 31 },
    }),
    value({ metric: "Net margin", statistics: { median: 0.12 } }),
    value({ metric: "Stock turns", unit: "ratio", statistics: { median: 6 } }),
  ];

  it("sorts rows into adds, updates with old and new cells, and unchanged", () => {
    const plan = planMerge(table, incoming, "replace");
    expect(plan.adds.map((v) => v.metric)).toEqual(["Stock turns"]);
    expect(plan.unchanged).toBe(1);
    expect(plan.conflicts).toEqual([]);
    expect(plan.updates.map((u) => [u.index, u.before[9], u.after[9], u.unitChanged])).toEqual([
      [1, 30, 31, true],
      [2, 0.1, 0.12, false],
    ]);
  });

  it("keeps differing rows as conflicts when the user keeps the existing figures", () => {
    const plan = planMerge(table, incoming, "keep");
    expect(plan.updates).toEqual([]);
    expect(plan.conflicts.map((c) => c.value.metric)).toEqual([
      "Days sales outstanding",
      "Net margin",
    ]);
    expect(plan.adds).toHaveLength(1);
  });

  it("refuses an input with the same key twice", () => {
    expect(() => planMerge([], [value(), value({ industry: " bakeries" })], "replace")).toThrow(
      /twice/
    );
  });

  it("accounts for every incoming row exactly once", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }),
        fc.constantFrom("keep" as const, "replace" as const),
        (have, bring, policy) => {
          const rows = (ids: number[], median: number) =>
            ids.map((id) =>
              value({ metric: `M${id}`, statistics: { median: id % 3 === 0 ? 1 : median } })
            );
          const plan = planMerge(existingOf(rows(have, 1)), rows(bring, 2), policy);
          const counted =
            plan.adds.length + plan.updates.length + plan.conflicts.length + plan.unchanged;
          expect(counted).toBe(bring.length);
          expect(plan.adds.length).toBe(bring.filter((id) => !have.includes(id)).length);
        }
      )
    );
  });
});

describe("chunkByBytes", () => {
  it("keeps every chunk within the budget and the items in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100 })),
        fc.integer({ min: 100, max: 500 }),
        (sizes, budget) => {
          const chunks = chunkByBytes(sizes, (s) => s, budget);
          expect(chunks.flat()).toEqual(sizes);
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budget);
          }
        }
      )
    );
  });

  it("sends an item over the budget alone", () => {
    expect(chunkByBytes([5, 50, 5], (s) => s, 10)).toEqual([[5], [50], [5]]);
  });
});

describe("checkWritten", () => {
  const a = value({ industry: "Bakeries" });
  const b = value({ industry: "Cafés", statistics: { median: 0.6 } });
  const c = value({ industry: "Delis", statistics: { median: 0.7 } });
  const expected = new Map([a, b, c].map((v) => [referenceKey(v), toCanonicalRow(v)]));

  it("accepts a table holding every intended row once, in any order, among other rows", () => {
    const other = value({ industry: "Florists" });
    const check = checkWritten(expected, existingOf([c, other, a, b]));
    expect(check).toEqual({ missing: [], duplicated: [], wrong: [] });
    expect(writtenCorrectly(check)).toBe(true);
  });

  it("finds a lost row, an extra copy and a copy holding other figures", () => {
    // b was overwritten by a stale put-back with a's cells; c was appended twice, once stale.
    const staleC = value({ industry: "Delis", statistics: { median: 0.1 } });
    const read = existingOf([a, a, staleC, c]);
    const check = checkWritten(expected, read);
    expect(check.missing).toEqual([referenceKey(b)]);
    // Of several copies the one with the intended cells stays.
    expect(check.duplicated).toEqual([
      { key: referenceKey(a), index: 1 },
      { key: referenceKey(c), index: 2 },
    ]);
    expect(check.wrong).toEqual([]);
    expect(writtenCorrectly(check)).toBe(false);
  });

  it("keeps the first copy when none holds the intended cells, and reports it wrong", () => {
    const stale = value({ industry: "Cafés", statistics: { median: 0.2 } });
    const check = checkWritten(expected, existingOf([a, stale, stale, c]));
    expect(check.duplicated).toEqual([{ key: referenceKey(b), index: 2 }]);
    expect(check.wrong).toEqual([{ key: referenceKey(b), index: 1, found: toCanonicalRow(stale) }]);
  });

  it("finds every lost, doubled or changed row of any table (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1, 2, 3), { maxLength: 8 }), (picks) => {
        const pool = [a, b, c, value({ industry: "Cafés", statistics: { median: 9 } })];
        const read = existingOf(picks.map((p) => pool[p]));
        const check = checkWritten(expected, read);
        // Applying the repairs leaves each expected key once with its cells.
        const dropped = new Set(check.duplicated.map((d) => d.index));
        const kept = read.filter((r) => !dropped.has(r.index));
        for (const [key, cells] of expected) {
          const copies = kept.filter((r) => r.key === key);
          if (check.missing.includes(key)) expect(copies).toHaveLength(0);
          else {
            expect(copies).toHaveLength(1);
            const isWrong = check.wrong.some((w) => w.key === key);
            expect(isWrong).toBe(
              JSON.stringify(copies[0].cells.map((x) => x || null)) !==
                JSON.stringify(cells.map((x) => x || null))
            );
          }
        }
      })
    );
  });
});

describe("figures as Excel keeps them (15 significant digits)", () => {
  const computed = value({ statistics: { median: 41.2 / 100 } }); // 0.41200000000000003
  const stored = value({ statistics: { median: 0.412 } });

  it("counts a re-import of a figure Excel rounded as unchanged, and a written one as written", () => {
    expect(computed.statistics.median).not.toBe(0.412);
    expect(planMerge(existingOf([stored]), [computed], "replace").unchanged).toBe(1);
    const expected = new Map([[referenceKey(computed), toCanonicalRow(computed)]]);
    expect(writtenCorrectly(checkWritten(expected, existingOf([stored])))).toBe(true);
  });

  it("still sees a real difference", () => {
    const other = value({ statistics: { median: 0.4120000001 } });
    expect(planMerge(existingOf([stored]), [other], "replace").updates).toHaveLength(1);
  });
});
