/**
 * The precedence rule for reference data, one function for every path (the CLI's `--reference`, the
 * pane's library browser and the BENCH functions): a value the user brought (a file, a paste, the
 * workbook's own table) always beats a bundled illustrative value for the same industry × metric
 * (× region), whatever the years. Bundled values are only a fallback.
 *
 * Bundled values carry no region ("all regions"), so a user row for an industry × metric in any region
 * hides the bundled row for that pair; a bundled row that names a region is hidden by a user row for
 * that region or for all regions.
 */
import { ReferenceValue, normaliseName } from "./model";

const pairKey = (value: Pick<ReferenceValue, "industry" | "metric">): string =>
  `${normaliseName(value.industry)}|${normaliseName(value.metric)}`;

const regionOf = (value: Pick<ReferenceValue, "region">): string => {
  const region = normaliseName(value.region);
  return region === "all regions" ? "" : region;
};

/** The user's values first, then the bundled values the user's do not cover. */
export function withUserPrecedence(
  userValues: readonly ReferenceValue[],
  bundled: readonly ReferenceValue[]
): ReferenceValue[] {
  if (userValues.length === 0) return [...bundled];
  const regionsByPair = new Map<string, Set<string>>();
  for (const value of userValues) {
    const key = pairKey(value);
    const regions = regionsByPair.get(key) ?? new Set<string>();
    regions.add(regionOf(value));
    regionsByPair.set(key, regions);
  }
  const fallback = bundled.filter((value) => {
    const regions = regionsByPair.get(pairKey(value));
    if (!regions) return true;
    const region = regionOf(value);
    // A region-less bundled row is hidden by any user row for the pair.
    return region !== "" && !regions.has(region) && !regions.has("");
  });
  return [...userValues, ...fallback];
}
