/**
 * Runs the built `crossbench` binary as a user would: a separate process, in a folder of real files.
 * The binary is the one package.json's `bin` names (built by jest's globalSetup).
 */
import { spawn } from "child_process";
import { mkdtempSync, readFileSync } from "fs";
import os from "os";
import path from "path";

export const ROOT = path.resolve(__dirname, "../..");
const packageJson = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
};
export const PACKAGE_VERSION = packageJson.version;
export const BIN = path.join(ROOT, packageJson.bin.crossbench);
export const SAMPLES = path.join(ROOT, "samples");

export interface CliResult {
  /** Exit code; null when the process ended by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run something else than `node BIN` (e.g. under unshare); receives node's arguments. */
  wrap?: (command: string, args: string[]) => [string, string[]];
  /** Run as another user (root's tests of a folder it may not write). */
  user?: { uid: number; gid: number };
  /** Called once the process has started. */
  onSpawn?: (pid: number) => void;
  timeoutMs?: number;
}

export function tempFolder(prefix = "crossbench-cli-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const nodeArgs = [BIN, ...args];
  const [command, commandArgs] = options.wrap
    ? options.wrap(process.execPath, nodeArgs)
    : [process.execPath, nodeArgs];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: options.cwd ?? tempFolder(),
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.user ?? {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("spawn", () => child.pid !== undefined && options.onSpawn?.(child.pid));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** stderr's lines, without the trailing empty one. */
export const lines = (text: string): string[] => text.split("\n").filter((l) => l !== "");
