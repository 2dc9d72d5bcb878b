/**
 * The percent/fraction slip in a "%" field: 0.09 typed where the field already means percent is 0.09 %,
 * almost always meant as 9 %. Rates between 0 and 0.5 % a year are rare enough to ask.
 */
export function percentSlipWarning(typed: string): string | undefined {
  const percent = Number(typed.trim().replace(",", ".").replace(/%$/, "").trim());
  if (!Number.isFinite(percent) || !(percent > 0 && percent < 0.5)) return undefined;
  const meant = Math.round(percent * 100 * 1e6) / 1e6;
  return `${typed.trim()} here means ${percent} % a year. For ${meant} % type ${meant}.`;
}
