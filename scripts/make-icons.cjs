/**
 * Renders assets/icon.svg to the PNG sizes the manifest and stores need (16, 32, 64, 80, 128 px) with
 * Debian's Chromium through playwright-core (which launches it with a fresh temporary profile). Run after changing the SVG: `node scripts/make-icons.cjs`.
 */
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const SIZES = [16, 32, 64, 80, 128];
const ASSETS = path.resolve(__dirname, "..", "assets");

async function main() {
  const svg = fs.readFileSync(path.join(ASSETS, "icon.svg"), "utf8");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/lib/chromium/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({
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
    await browser.close();
  }
  console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
