/**
 * An .xlsx whose zip headers under-declare its sizes (a part claims 1,000 bytes and inflates to 2 GB),
 * through the spawned binary: refused with one clear message, exit 1, quickly, and nothing written.
 */
import { readdirSync, writeFileSync } from "fs";
import path from "path";
import { lyingXlsx } from "../fixtures/reference/zip";
import { lines, runCli, tempFolder } from "./run";

describe("an .xlsx whose zip headers lie about its sizes", () => {
  let folder: string;
  let bomb: string;
  beforeAll(async () => {
    folder = tempFolder();
    bomb = path.join(folder, "survey.xlsx");
    writeFileSync(bomb, await lyingXlsx(2048));
  }, 60_000);

  it.each([
    ["check", []],
    ["convert", ["--out", "out.csv"]],
  ])(
    "reference %s refuses it with one message, exit 1, in bounded time, writing nothing",
    async (command, extra) => {
      const started = Date.now();
      const result = await runCli(["reference", command, bomb, ...extra], {
        cwd: folder,
        timeoutMs: 60_000,
      });
      const elapsed = Date.now() - started;
      const said = [...lines(result.stdout), ...lines(result.stderr)];
      const errors = said.filter((l) => /^ERROR\b/.test(l));
      expect(errors).toEqual([
        expect.stringMatching(
          /survey\.xlsx, whole file: The workbook part "xl\/worksheets\/sheet1\.xml" expands beyond the 1,000 bytes it declares \(stopped at [\d,]+ (bytes|MB)\): the file is damaged or built to exhaust memory, and it was not opened\.$/
        ),
      ]);
      expect(said.join("\n")).not.toMatch(/No column is mapped|Bug|heap/i);
      expect([result.code, result.signal]).toEqual([1, null]);
      expect(elapsed).toBeLessThan(15_000);
      expect(readdirSync(folder)).toEqual(["survey.xlsx"]);
    },
    60_000
  );
});
