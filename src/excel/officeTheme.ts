/** WCAG relative luminance of a #rrggbb colour, or undefined when the text is not one. */
export function relativeLuminance(hex: string): number | undefined {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return undefined;
  const channels = [0, 2, 4].map((at) => parseInt(match[1].slice(at, at + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Office reports its theme as colours; a dark body background means the dark Fluent theme. */
export function isDarkTheme(bodyBackgroundColor: string | undefined): boolean {
  const luminance = relativeLuminance(bodyBackgroundColor ?? "");
  // Below the midpoint between black and white (in luminance) counts as dark.
  return luminance !== undefined && luminance < 0.18;
}
