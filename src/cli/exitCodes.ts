/**
 * The command's exit codes, in one place (the README's table is this one). A command reports a problem
 * by throwing one of the errors below; main() prints it and exits with its code.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The input data is invalid: the report is printed and nothing is written. */
  invalidData: 1,
  /** A bad argument (unknown name, missing file, an --out that exists without --force ...). */
  badArguments: 2,
  /** The file system refused (disk full, no permission, read-only): nothing is left behind. */
  fileSystem: 3,
  /** A bug in crossbench itself. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A problem the user can act on: one line (plus optional detail lines) and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details: readonly string[] = []
  ) {
    super(message);
    this.name = "CliError";
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.badArguments);
  }
}

export class InvalidDataError extends CliError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.invalidData, details);
  }
}

export class FileSystemError extends CliError {
  constructor(message: string) {
    super(message, EXIT.fileSystem);
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  EROFS: "the file system is read-only",
  ENOENT: "the folder does not exist (any more)",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
  EMFILE: "too many files are open",
  EIO: "the disk reported an input/output error",
  EBUSY: "the file is in use",
  EEXIST: "the file exists",
};

/** The plain sentence for a file-system error: "Could not write x.csv: the disk is full." */
export function fileSystemError(
  error: unknown,
  action: "read" | "write",
  file: string
): FileSystemError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code && REASONS[code]) ?? "the system refused";
  const outcome = action === "write" ? " Nothing was written." : "";
  return new FileSystemError(`could not ${action} ${file}: ${reason}.${outcome}`);
}

let actionExitCode: ExitCode = EXIT.ok;

/** Wraps a command's action so main() learns the exit code it returned (default: done). */
export function runs<A extends unknown[]>(
  action: (...args: A) => Promise<ExitCode | void>
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    actionExitCode = (await action(...args)) ?? EXIT.ok;
  };
}

/** The exit code of the action that ran (EXIT.ok when it returned nothing). */
export function exitCodeOfAction(): ExitCode {
  return actionExitCode;
}
