/** Office reports its theme as colours; a dark body background means the dark Fluent theme. */
export function isDarkTheme(bodyBackgroundColor: string | undefined): boolean {
  const match = /^#?([0-9a-f]{6})$/i.exec(bodyBackgroundColor?.trim() ?? "");
  if (!match) return false;
  const rgb = [0, 2, 4].map((offset) => parseInt(match[1].slice(offset, offset + 2), 16) / 255);
  // Relative luminance (WCAG); below the midpoint between black and white counts as dark.
  const linear = rgb.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  return luminance < 0.18;
}
