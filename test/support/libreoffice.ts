/**
 * Headless LibreOffice Calc as an independent spreadsheet engine for tests: it opens an .xlsx,
 * recalculates every formula on load and saves a copy that exceljs can read back.
 *
 * A fresh profile per call keeps runs independent (LibreOffice locks its profile) and sets
 * OOXMLRecalcMode = 0 ("always recalculate"), so cached results written by exceljs are never trusted.
 * Locally, tests that need it are skipped when soffice is missing; under CI (CI=true) they fail instead,
 * because .ci/run installs libreoffice-calc-nogui.
 */
import { execFile } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { pathToFileURL } from "url";

const CANDIDATES = [
  "/usr/bin/soffice",
  "/usr/bin/libreoffice",
  "/usr/lib/libreoffice/program/soffice",
  "/opt/homebrew/bin/soffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
];

export function sofficePath(): string | null {
  if (process.env.SOFFICE && existsSync(process.env.SOFFICE)) return process.env.SOFFICE;
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

export function libreOfficeAvailable(): boolean {
  return sofficePath() !== null;
}

const RECALC_ALWAYS_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function run(
  command: string,
  args: string[],
  timeoutMs: number
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, env: { ...process.env, HOME: os.tmpdir() } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      }
    );
  });
}

/**
 * Opens `inputPath` in headless LibreOffice Calc with recalculation forced on load and saves it as
 * .xlsx into `outDir` (a new temporary folder by default). Returns the path of the recalculated copy.
 * Converting to another format is possible through `format` (e.g. "pdf" for screenshots).
 */
export async function recalculateXlsx(
  inputPath: string,
  outDir?: string,
  format = "xlsx"
): Promise<string> {
  const soffice = sofficePath();
  if (!soffice)
    throw new Error(
      "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
    );
  const profile = mkdtempSync(path.join(os.tmpdir(), "crossbench-lo-profile-"));
  mkdirSync(path.join(profile, "user"), { recursive: true });
  writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS_PROFILE);
  const targetDir = outDir ?? mkdtempSync(path.join(os.tmpdir(), "crossbench-lo-out-"));
  mkdirSync(targetDir, { recursive: true });
  if (path.resolve(path.dirname(inputPath)) === path.resolve(targetDir)) {
    throw new Error(
      "recalculateXlsx: outDir must differ from the input's folder (LibreOffice keeps the file name)"
    );
  }
  try {
    const filter = format === "xlsx" ? "xlsx:Calc MS Excel 2007 XML" : format;
    await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        filter,
        "--outdir",
        targetDir,
        inputPath,
      ],
      180_000
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const output = path.join(
    targetDir,
    path.basename(inputPath).replace(/\.[^.]+$/, "") + "." + format
  );
  if (!existsSync(output)) throw new Error(`LibreOffice produced no ${format} for ${inputPath}`);
  return output;
}

/**
 * `describe` for suites that need LibreOffice: runs them when soffice exists; otherwise skips them
 * locally and fails them under CI, so the oracle can never silently disappear from CI.
 */
export const describeWithLibreOffice: (name: string, body: () => void) => void = (name, body) => {
  if (libreOfficeAvailable()) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it("needs LibreOffice (soffice), which CI must install", () => {
        throw new Error(
          "LibreOffice is not installed but CI=true: .ci/run must install libreoffice-calc-nogui"
        );
      });
    });
  } else {
    describe.skip(`${name} (skipped: LibreOffice not installed)`, body);
  }
};
