/**
 * The `crossbench` command: workbook generation, reference-data checks and the practice search from
 * the command line, built from the same modules the add-in uses and compiled to dist-cli/ by
 * scripts/build-cli.cjs. This module holds only the command table and the exit-code mapping; each
 * command's code (and its libraries) loads when that command runs. Exit codes: ./exitCodes.ts.
 */
import { Command, CommanderError } from "commander";
import { CliError, EXIT, ExitCode, exitCodeOfAction } from "./exitCodes";
import { registerPracticesCommand } from "./practices";
import { registerReferenceCommands } from "./reference";
import { complain, escapeLines, escapeValue } from "./safeText";
import { cleanUpOnSignals } from "./safeWrite";
import { registerWorkbookCommand } from "./workbook";

/** The package version, embedded by the build. */
declare const __CROSSBENCH_VERSION__: string;

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

export function createProgram(onAction: (name: string) => void): Command {
  const program = new Command("crossbench")
    .description("Crossbench: cross-industry benchmarking and ROI workbooks for Excel.")
    .version(__CROSSBENCH_VERSION__, "-V, --version", "print the version");
  registerReferenceCommands(program);
  registerWorkbookCommand(program);
  registerPracticesCommand(program);
  program.hook("preAction", (_, actionCommand) => onAction(fullName(actionCommand)));
  for (const command of everyCommand(program))
    command
      .exitOverride()
      .showHelpAfterError(false)
      // Commander's messages quote what was typed: escape it like any other text. Its "Did you
      // mean" hint (an option the command has) joins the message, so an error stays one line.
      .configureOutput({
        outputError: (text, write) =>
          write(escapeLines(text.replace(/\n\(Did you mean/g, " (Did you mean"))),
      });
  return program;
}

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  let name = "crossbench";
  try {
    await createProgram((actionName) => (name = actionName)).parseAsync([...argv]);
    return exitCodeOfAction();
  } catch (error) {
    // Commander has printed its one-line message; help and version end this way too.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.badArguments;
    if (error instanceof CliError) {
      complain(`${name}: ${error.message}`);
      for (const line of error.details) complain(`  ${line}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    complain(
      `${name}: unexpected error (a bug in crossbench; please report it): ${escapeValue(message)}`
    );
    return EXIT.internal;
  }
}

cleanUpOnSignals();
// `crossbench practices | head -3`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
void main(process.argv).then((code) => {
  process.exitCode = code;
});
