/**
 * `reference check` / `reference convert` for long CSV files in bounded memory: the rows are validated
 * as they stream past (src/reference/csvStream.ts) and never held as a table; convert keeps only the
 * canonical CSV it will write, as UTF-8 in 1 MB buffers. Undefined means "not a long CSV": the caller
 * then uses the whole-table pipeline, which handles wide and unrecognised files.
 */
import { existsSync } from "fs";
import os from "os";
import { fileURLToPath } from "url";
import { Worker } from "worker_threads";
import type {
  CsvPartResult,
  PreparedCsv,
  StreamCheck,
  StreamCheckOptions,
} from "../reference/csvStream";
import type { PartOutcome } from "./partCheck";
import type { PartJob } from "./partWorker";
import { PieceWriter } from "./pieceWriter";
import { trace } from "./trace";

/** Below this a file is checked in one pass: starting workers would cost more than it saves. */
const PARTS_MIN_CHARACTERS = 4 << 20;
const MAX_PARTS = 4;

/** dist-cli/part-worker.mjs, from the command itself or from one of its chunks (dist-cli/chunks). */
function partWorkerFile(): string | undefined {
  for (const relative of ["./part-worker.mjs", "../part-worker.mjs"]) {
    const file = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}

function runPart(file: string, job: PartJob): Promise<PartOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: job });
    worker.once("message", (message: { result: CsvPartResult; pieces: Uint8Array[] }) =>
      resolve({
        result: message.result,
        pieces: message.pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)),
      })
    );
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0)
        reject(new Error(`A worker checking part of the file stopped (exit ${code}).`));
    });
  });
}

/**
 * A long quote-free CSV checked in parts at once, one worker thread per core: the same report and
 * output as one pass, or undefined (check in one pass) when the parts cannot stand for the whole file.
 */
async function checkInParts(
  prepared: PreparedCsv,
  output: boolean
): Promise<{ check: StreamCheck; pieces: Buffer[][] } | undefined> {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  if (prepared.text.length < PARTS_MIN_CHARACTERS || cores < 2) return undefined;
  const { splitPreparedCsv, combineCsvParts } = await import("../reference/csvStream");
  const parts = splitPreparedCsv(prepared, Math.min(cores, MAX_PARTS));
  const workerFile = partWorkerFile();
  if (!parts || !workerFile) return undefined;
  // The first part is checked here while workers check the others.
  const started = parts.slice(1).map((part) => runPart(workerFile, { part, output }));
  // Handled now, so a worker failing while the first part is checked is not an unhandled rejection.
  const rest = Promise.all(started).catch(() => undefined);
  const { checkPart } = await import("./partCheck");
  trace(`${parts.length} parts started`);
  const first = checkPart(parts[0], output);
  trace("the first part checked");
  // A worker that fails (it cannot start, or runs out of memory) costs time, never the check itself.
  const workers = await rest;
  if (!workers) return undefined;
  const outcomes = [first, ...workers];
  const check = combineCsvParts(
    prepared,
    outcomes.map((o) => o.result)
  );
  trace(`${parts.length} parts, ${check ? "combined" : "one pass"}`);
  return check && { check, pieces: outcomes.map((o) => o.pieces) };
}

async function prepare(
  file: string,
  bytes: Uint8Array,
  options: StreamCheckOptions
): Promise<PreparedCsv | undefined> {
  const { prepareCsvStream } = await import("../reference/csvStream");
  return prepareCsvStream(bytes, file.split(/[\\/]/).pop() ?? file, options);
}

export async function streamCheck(
  file: string,
  bytes: Uint8Array,
  options: StreamCheckOptions
): Promise<StreamCheck | undefined> {
  const prepared = await prepare(file, bytes, options);
  if (!prepared) return undefined;
  const inParts = await checkInParts(prepared, false);
  if (inParts) return inParts.check;
  const { checkPreparedCsv } = await import("../reference/csvStream");
  return checkPreparedCsv(prepared, { value: () => {}, restart: () => {} });
}

export async function streamConvert(
  file: string,
  bytes: Uint8Array,
  options: StreamCheckOptions
): Promise<{ check: StreamCheck; pieces: Buffer[] } | undefined> {
  trace("read");
  const prepared = await prepare(file, bytes, options);
  trace("decoded, header found");
  if (!prepared) return undefined;
  const { canonicalCsvHeader, canonicalCsvLine } = await import("../reference/exportCsv");
  const inParts = await checkInParts(prepared, true);
  if (inParts)
    return {
      check: inParts.check,
      pieces: [Buffer.from(canonicalCsvHeader(), "utf8"), ...inParts.pieces.flat()],
    };
  const { checkPreparedCsv } = await import("../reference/csvStream");
  let writer = new PieceWriter();
  writer.add(canonicalCsvHeader());
  const check = checkPreparedCsv(prepared, {
    value: (value) => writer.add(canonicalCsvLine(value)),
    restart: () => {
      writer = new PieceWriter();
      writer.add(canonicalCsvHeader());
    },
  });
  return { check, pieces: writer.finish() };
}
