import path from "path";

export const ROOT = path.resolve(__dirname, "../../..");
export const DIST = path.join(ROOT, "dist");
export const ARTIFACTS = path.join(ROOT, "test-artifacts");
export const SCREENSHOTS = path.join(ARTIFACTS, "screenshots");
/** The Excel double bundled for the browser by the global setup (an IIFE defining `__crossbenchDouble`). */
export const DOUBLE_BUNDLE = path.join(ARTIFACTS, "e2e", "excel-double.js");
export const OFFICE_JS_DIR = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
export const AXE_JS = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
export const CHROMIUM = "/usr/lib/chromium/chromium";
