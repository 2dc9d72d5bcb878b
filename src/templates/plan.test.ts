import { blockBounds } from "./plan";

describe("blockBounds", () => {
  it("measures a 300,000-row block (a large reference source) without spreading rows into arguments", () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => (i === 7 ? [null, null, null] : [null]));
    expect(blockBounds({ at: "B2", rows })).toEqual({ top: 1, left: 1, bottom: 300_000, right: 3 });
  });
});
