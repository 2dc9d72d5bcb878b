/**
 * Speed of the BENCH analytics functions, each beside formulajs (an independent implementation of
 * Excel's functions) on the same inputs in the same run: PEERRANK over 1,000 peers, IRR over 10-year
 * flows, ROISIM with 100,000 trials, and a 100,000-cell recalculation of ROI through the registered
 * wrappers (what Excel does on a large sheet).
 */
import * as formulajs from "@formulajs/formulajs";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { registeredFunctions } from "../test/support/customFunctionsGlobal";
import * as analytics from "../src/functions/analytics";
import { type Figure, medianMs, opsPerSecond } from "./harness";

export default async function functionsBench(): Promise<Figure[]> {
  for (const [name, fn] of Object.entries(analytics))
    CustomFunctions.associate(name, fn as (...args: unknown[]) => unknown);
  const call = (id: string) => registeredFunctions.get(id) as (...args: unknown[]) => unknown;
  const rng = xoroshiro128plus(42);
  const uniform = (low: number, high: number) => low + (high - low) * uniformFloat64(rng);

  // PEERRANK: a 1,000-row column of peers as Excel passes it, and values inside their range.
  const peers = Array.from({ length: 1000 }, () => [Math.round(uniform(0, 100_000)) / 100]);
  const values = Array.from({ length: 64 }, () => uniform(10, 990));
  let next = 0;
  const peerRank = call("PEERRANK");
  const ourPeerRank = opsPerSecond(() => peerRank(values[next++ & 63], peers));
  const theirPeerRank = opsPerSecond(() =>
    formulajs.PERCENTRANKINC(peers, values[next++ & 63], 15)
  );

  // IRR: 64 ten-year projects (an investment and ten yearly returns), as a row range.
  const projects = Array.from({ length: 64 }, () => {
    const investment = uniform(10_000, 100_000);
    return [[-investment, ...Array.from({ length: 10 }, () => investment * uniform(0.05, 0.3))]];
  });
  const irr = call("IRR");
  const ourIrr = opsPerSecond(() => irr(projects[next++ & 63]));
  const theirIrr = opsPerSecond(() => formulajs.IRR(projects[next++ & 63][0]));

  const roiSim = call("ROISIM");
  const roiSimMs = await medianMs(
    () => roiSim(80_000, 120_000, 200_000, 90_000, 100_000, 130_000, 100_000, 1),
    7
  );

  // 100,000 cells of =BENCH.ROI(B:D, E:G): three benefit and three cost cells per row.
  const rows = Array.from({ length: 100_000 }, () => ({
    benefits: [[uniform(0, 1000), null, uniform(0, 1000)]],
    costs: [[uniform(1, 800), uniform(1, 800), ""]],
  }));
  const roi = call("ROI");
  const recalcMs = await medianMs(() => {
    for (const row of rows) roi(row.benefits, row.costs);
  }, 5);

  return [
    {
      name: "functions.peerrank.evalsPerSecond",
      value: Math.round(ourPeerRank),
      unit: "evals/s",
      note: "BENCH.PEERRANK, 1,000 peers (column range)",
    },
    {
      name: "functions.peerrank.formulajsEvalsPerSecond",
      value: Math.round(theirPeerRank),
      unit: "evals/s",
      note: "formulajs PERCENTRANKINC, same inputs",
    },
    {
      name: "functions.peerrank.speedupVsFormulajs",
      value: ourPeerRank / theirPeerRank,
      unit: "x",
      note: "> 1 means Crossbench is faster",
    },
    {
      name: "functions.irr.evalsPerSecond",
      value: Math.round(ourIrr),
      unit: "evals/s",
      note: "BENCH.IRR, 11 flows (10-year project)",
    },
    {
      name: "functions.irr.formulajsEvalsPerSecond",
      value: Math.round(theirIrr),
      unit: "evals/s",
      note: "formulajs IRR, same inputs",
    },
    {
      name: "functions.irr.speedupVsFormulajs",
      value: ourIrr / theirIrr,
      unit: "x",
      note: "> 1 means Crossbench is faster",
    },
    {
      name: "functions.roisim.100kTrialsMs",
      value: roiSimMs,
      unit: "ms",
      note: "BENCH.ROISIM, 100,000 trials, median of 7",
    },
    {
      name: "functions.roi.recalcCellsPerSecond",
      value: Math.round(100_000 / (recalcMs / 1000)),
      unit: "cells/s",
      note: "100,000 BENCH.ROI cells through the registered wrapper",
    },
  ];
}
