/** The pane's view of Office's theme; the rule lives with the other host code (src/excel imports no pane code). */
import { relativeLuminance } from "../excel/officeTheme";

export { isDarkTheme } from "../excel/officeTheme";

function luminanceOf(hex: string): number {
  const luminance = relativeLuminance(hex);
  if (luminance === undefined) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return luminance;
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21); graphical objects need 3 (1.4.11). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminanceOf(a), luminanceOf(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
