/**
 * Renders assets/icon.svg to the PNG sizes the manifest and stores need (16, 32, 64, 80, 128 px) with
 * Debian's Chromium, launched the same way as the browser tests. Run after changing the SVG:
 * `npx tsx scripts/make-icons.ts`.
 */
import fs from "fs";
import path from "path";
import { launchChromium } from "../test/e2e/support/pane";

const SIZES = [16, 32, 64, 80, 128];
const ASSETS = path.resolve(__dirname, "..", "assets");

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(ASSETS, "icon.svg"), "utf8");
  const session = await launchChromium();
  try {
    for (const size of SIZES) {
      const page = await session.browser.newPage({
        viewport: { width: size, height: size },
        deviceScaleFactor: 1,
      });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`
      );
      await page.screenshot({
        path: path.join(ASSETS, `icon-${size}.png`),
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      await page.close();
    }
  } finally {
    await session.close();
  }
  console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
