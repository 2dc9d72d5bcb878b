/**
 * The `crossbench` command: workbook generation and reference-data checks from the command line,
 * built from the same modules the add-in uses. Exit codes: 0 success, 1 invalid input data (e.g. a
 * reference file with errors), 2 bad arguments or unknown names (nothing is written).
 */
import { Command, CommanderError } from "commander";
import { registerReferenceCommands } from "./reference";
import { registerWorkbookCommand } from "./workbook";

export const EXIT_OK = 0;
export const EXIT_INVALID_DATA = 1;
export const EXIT_BAD_ARGUMENTS = 2;

/** Thrown by subcommands for a bad argument or unknown name: printed as one line, exit code 2. */
export class UsageError extends Error {}

export function createProgram(): Command {
  const program = new Command("crossbench")
    .description("Crossbench: cross-industry benchmarking and ROI workbooks for Excel.")
    .version(process.env.npm_package_version ?? "0.1.0")
    .showHelpAfterError(false)
    .exitOverride();
  registerReferenceCommands(program);
  registerWorkbookCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns its exit code instead of exiting, so tests can call it in-process. */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await createProgram().parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end through exitOverride too; they are not errors.
      if (error.exitCode === 0) return EXIT_OK;
      return EXIT_BAD_ARGUMENTS; // commander has already printed its one-line message
    }
    if (error instanceof UsageError) {
      console.error(`crossbench: ${error.message}`);
      return EXIT_BAD_ARGUMENTS;
    }
    console.error(`crossbench: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_INVALID_DATA;
  } finally {
    process.exitCode = undefined;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => process.exit(code));
}
