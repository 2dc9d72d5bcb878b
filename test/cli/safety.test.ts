/**
 * The user's files and terminal are safe: file-system refusals are exit code 3 with a plain sentence
 * and nothing left behind, an interrupted write leaves nothing, text from files cannot drive the
 * terminal, and no message suggests an option the command does not have.
 */
import { spawnSync } from "child_process";
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from "fs";
import path from "path";
import { canonicalRows, sample, writeCsv } from "./fixtures";
import { CliResult, lines, runCli, tempFolder } from "./run";

const ESC = "\u001b";
const BEL = "\u0007";

describe("text from files is printed escaped", () => {
  const crafted = (): string => {
    const folder = tempFolder();
    const file = path.join(folder, "crafted.csv");
    writeFileSync(
      file,
      [
        "industry,metric,unit,direction,year,median,n,source",
        // OSC 0 (set the terminal title) with clear screen + cursor home, and a fake "Valid" line
        // after a CR LF, in a field the report quotes.
        `Retail,Gross margin,%,higher,2025,"${ESC}]0;pwned${BEL}${ESC}[2J${ESC}[H",40,Survey`,
        `Retail,Stockout rate,%,lower,2025,"1\r\nValid: nothing blocks${ESC}[1A",40,Survey`,
        `Retail,Net profit margin,%,higher,2025,"\u009b2J0.1\u202e",40,"=cmd|' /C calc'!A0"`,
      ].join("\n")
    );
    return file;
  };

  const noControlCharacters = (result: CliResult): void => {
    for (const text of [result.stdout, result.stderr]) {
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    }
  };

  it("reference check: escape sequences shown as text, no fake line", async () => {
    const result = await runCli(["reference", "check", crafted()]);
    expect(result.code).toBe(1);
    noControlCharacters(result);
    expect(result.stdout).toContain("\\x1B]0;pwned\\x07\\x1B[2J\\x1B[H");
    expect(result.stdout).toContain("\\x0D\\x0AValid: nothing blocks\\x1B[1A");
    expect(result.stdout).toContain("\\x9B2J0.1\\u202E");
    expect(result.stdout).not.toMatch(/^Valid:/m);
    expect(result.stdout).toMatch(/^Invalid: fix the errors listed above\.$/m);
  });

  it("reference check --json: the data is kept, the bytes on the terminal are escaped", async () => {
    const result = await runCli(["reference", "check", crafted(), "--json"]);
    noControlCharacters(result);
    const data = JSON.parse(result.stdout) as { problems: { message: string }[] };
    expect(data.problems.map((p) => p.message).join("\n")).toContain(
      `\r\nValid: nothing blocks${ESC}[1A`
    );
  });

  it("reference convert and workbook --reference print the report escaped too", async () => {
    const file = crafted();
    const convert = await runCli([
      "reference",
      "convert",
      file,
      "--out",
      path.join(tempFolder(), "o.csv"),
    ]);
    expect(convert.code).toBe(1);
    noControlCharacters(convert);
    const workbook = await runCli([
      "workbook",
      "--out",
      path.join(tempFolder(), "o.xlsx"),
      "--reference",
      file,
    ]);
    expect(workbook.code).toBe(1);
    noControlCharacters(workbook);
    expect(workbook.stderr).toContain("\\x1B]0;pwned\\x07");
  });

  it("arguments echoed in messages are escaped", async () => {
    const result = await runCli([
      "workbook",
      "--out",
      "x.xlsx",
      "--industry",
      `Retail${ESC}]0;t${BEL}`,
    ]);
    expect(result.code).toBe(2);
    noControlCharacters(result);
    const unknownOption = await runCli(["workbook", `--x${ESC}[2J`]);
    expect(unknownOption.code).toBe(2);
    noControlCharacters(unknownOption);
  });
});

/** Root writes anywhere: it runs the command as "nobody" to meet a folder it may not write. */
const asOtherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

describe("the file system refuses: exit 3, a plain sentence, nothing left behind", () => {
  it.each([
    ["workbook", (out: string) => ["workbook", "--out", out, "--templates", "log"], "book.xlsx"],
    [
      "reference convert",
      (out: string) => ["reference", "convert", sample("reference-canonical.csv"), "--out", out],
      "out.csv",
    ],
  ])("%s into a read-only folder", async (name, args, fileName) => {
    const folder = tempFolder();
    chmodSync(folder, 0o555);
    const out = path.join(folder, fileName);
    const result = await runCli(args(out), {
      cwd: folder,
      ...(asOtherUser ? { user: asOtherUser } : {}),
    });
    expect(result.code).toBe(3);
    expect(lines(result.stderr)).toEqual([
      `crossbench ${name}: could not write ${out}: permission denied. Nothing was written.`,
    ]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("an unreadable input file is exit 3 too", async () => {
    const folder = tempFolder();
    chmodSync(folder, 0o755);
    const input = writeCsv(folder, "secret.csv", canonicalRows());
    chmodSync(input, 0o000);
    const result = await runCli(["reference", "check", input], {
      cwd: folder,
      ...(asOtherUser ? { user: asOtherUser } : {}),
    });
    expect(result.code).toBe(3);
    expect(lines(result.stderr)).toEqual([
      `crossbench reference check: could not read ${input}: permission denied.`,
    ]);
  });

  // A full disk: a 16 KB tmpfs mounted in a private mount namespace (unshare, no root needed).
  const canMountTmpfs =
    process.platform === "linux" &&
    spawnSync("unshare", ["-r", "-m", "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt"])
      .status === 0;
  (canMountTmpfs || process.env.CI ? it.each : it.skip.each)([
    ["workbook", (out: string) => ["workbook", "--out", out], "book.xlsx"],
    [
      "reference convert",
      (out: string, big: string) => ["reference", "convert", big, "--out", out],
      "out.csv",
    ],
  ])("%s onto a full disk", async (name, args, fileName) => {
    const disk = tempFolder();
    // 400 valid rows: about 60 KB of canonical CSV, more than the disk holds.
    const [header, ...rows] = canonicalRows();
    const many = Array.from({ length: 400 }, (_, i) => {
      const row = [...rows[i % 2]];
      row[0] = `Industry ${i}`;
      return row;
    });
    const big = writeCsv(tempFolder(), "big.csv", [header, ...many]);
    const out = path.join(disk, fileName);
    const result = await runCli(args(out, big), {
      wrap: (node, nodeArgs) => [
        "unshare",
        [
          "-r",
          "-m",
          "sh",
          "-c",
          'mount -t tmpfs -o size=16k tmpfs "$0" || exit 99; "$@"; code=$?; echo "left:[$(ls -A "$0")]"; exit $code',
          disk,
          node,
          ...nodeArgs,
        ],
      ],
    });
    expect(result.code).toBe(3);
    expect(lines(result.stderr)).toEqual([
      `crossbench ${name}: could not write ${out}: the disk is full. Nothing was written.`,
    ]);
    expect(result.stdout).toBe("left:[]\n");
  });
});

describe("an interrupted write leaves nothing behind", () => {
  async function interrupt(signal: NodeJS.Signals): Promise<{ result: CliResult; left: string[] }> {
    const folder = tempFolder();
    let sawTemporary = false;
    const result = await runCli(["workbook", "--out", path.join(folder, "book.xlsx")], {
      env: { CROSSBENCH_TEST_HOLD_BEFORE_RENAME_MS: "30000" },
      onSpawn: (pid) => {
        const poll = setInterval(() => {
          if (readdirSync(folder).some((f) => f.endsWith(".tmp"))) {
            sawTemporary = true;
            clearInterval(poll);
            process.kill(pid, signal);
          }
        }, 20);
      },
    });
    expect(sawTemporary).toBe(true);
    return { result, left: readdirSync(folder) };
  }

  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s during the write: the temporary file is removed",
    async (signal) => {
      const { result, left } = await interrupt(signal);
      expect(result.signal).toBe(signal);
      expect(left).toEqual([]);
    }
  );
});

describe("a file that appears while the workbook is being written", () => {
  it("is not replaced without --force (exit 2), and the temporary file is removed", async () => {
    const folder = tempFolder();
    const out = path.join(folder, "book.xlsx");
    const result = await runCli(["workbook", "--out", out, "--templates", "log"], {
      env: { CROSSBENCH_TEST_HOLD_BEFORE_RENAME_MS: "3000" },
      onSpawn: () => {
        const poll = setInterval(() => {
          if (readdirSync(folder).some((f) => f.endsWith(".tmp"))) {
            clearInterval(poll);
            writeFileSync(out, "saved by the user meanwhile");
          }
        }, 20);
      },
    });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `crossbench workbook: ${out} already exists; add --force to replace it`,
    ]);
    expect(readFileSync(out, "utf8")).toBe("saved by the user meanwhile");
    expect(readdirSync(folder)).toEqual(["book.xlsx"]);
  });
});

describe("messages suggest only options the command has", () => {
  const runs: [string[], string[]][] = [
    [["reference", "check"], [sample("reference-with-errors.csv")]],
    [["reference", "check"], [sample("reference-wide.csv")]],
    [
      ["reference", "convert"],
      [sample("reference-with-errors.csv"), "--out", "x.csv"],
    ],
    [
      ["reference", "convert"],
      [
        sample("reference-canonical.csv"),
        "--out",
        // An existing file: refused with "add --force", so nothing is written.
        sample("reference-with-errors.csv"),
      ],
    ],
    [["workbook"], ["--out", "x.xlsx", "--reference", sample("reference-with-errors.csv")]],
    [["workbook"], ["--out", "x.xlsx", "--reference", sample("reference-wide.csv")]],
    [["workbook"], ["--out", "x.xlsx", "--templates", "nope"]],
    [["practices"], ["--industry", "Nowhere"]],
  ];

  it.each(runs)("%j %j", async (command, args) => {
    const folder = tempFolder();
    const help = (await runCli([...command, "--help"])).stdout;
    const result = await runCli([...command, ...args], { cwd: folder });
    const mentioned = new Set((result.stdout + result.stderr).match(/--[a-z][a-z-]*/g) ?? []);
    for (const option of mentioned) expect([option, help.includes(option)]).toEqual([option, true]);
    expect(existsSync(path.join(folder, "x.xlsx"))).toBe(false);
  });
});
