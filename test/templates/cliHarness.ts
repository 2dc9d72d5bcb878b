/** Runs `crossbench workbook ...` in-process on a program with only the workbook command, capturing output. */
import { Command, CommanderError } from "commander";
import { registerWorkbookCommand } from "../../src/cli/workbook";

export async function runWorkbookCli(
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command("crossbench").exitOverride();
  let stdout = "";
  let stderr = "";
  program.configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  registerWorkbookCommand(program);
  for (const command of program.commands)
    command
      .exitOverride()
      .configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  const log = jest
    .spyOn(console, "log")
    .mockImplementation((...parts: unknown[]) => void (stdout += parts.join(" ") + "\n"));
  const error = jest
    .spyOn(console, "error")
    .mockImplementation((...parts: unknown[]) => void (stderr += parts.join(" ") + "\n"));
  process.exitCode = undefined;
  try {
    await program.parseAsync(["node", "crossbench", ...args]);
    return { code: typeof process.exitCode === "number" ? process.exitCode : 0, stdout, stderr };
  } catch (caught) {
    if (caught instanceof CommanderError)
      return { code: caught.exitCode === 0 ? 0 : 2, stdout, stderr };
    throw caught;
  } finally {
    process.exitCode = undefined;
    log.mockRestore();
    error.mockRestore();
  }
}
