/**
 * Writes reference rows into the workbook's table (creating sheet and table when missing), as the
 * pure merge plan (src/reference/mergePlan) says: new keys appended, existing keys updated or kept as
 * the user chose, rows with the same figures left alone.
 *
 * Never misplaced: during an import the reference sheet carries the add-in's protection (no password),
 * lifted and restored inside each request, so between two requests Excel refuses the user's sort,
 * filter, row insert or edit on that sheet and the row positions read at the start stay true. Each
 * update request also loads the cells it overwrites (loads queued before the write return the
 * previous contents); their keys are checked after the sync, and a row found under the wrong key is
 * put back and its update planned again by key. The guard can be lifted by the user (Review >
 * Unprotect Sheet) and a request can stop half-way, so at the end the table is read back and every
 * row the write touched, appended ones included, is checked by key (checkWritten in mergePlan) and
 * repaired: lost rows appended again, extra copies deleted, wrong cells rewritten.
 *
 * Requests stay under 4 MB (the UTF-8 JSON of the values written); if Excel still answers
 * RequestPayloadSizeLimitExceeded the failed request (which changed nothing) is halved and retried.
 * A failure part-way throws ReferenceWriteError carrying exactly which rows were written.
 */
import {
  CANONICAL_HEADERS,
  CANONICAL_COLUMNS,
  CellValue,
  toCanonicalRow,
} from "../reference/canonical";
import {
  beginOwnWrite,
  getWorkbookReferenceValues,
  setWorkbookReferenceValues,
  setWorkbookStatus,
} from "../reference/activeLibrary";
import {
  ConflictPolicy,
  ExistingRow,
  MergePlan,
  checkWritten,
  chunkByBytes,
  planMerge,
  writtenCorrectly,
} from "../reference/mergePlan";
import { ILLUSTRATIVE_NOTICE, ReferenceValue, referenceKey } from "../reference/model";
import { excelTextInput } from "../reference/textSafety";
import {
  DEFAULT_MAX_REQUEST_BYTES,
  REFERENCE_HEADER_ROW,
  REFERENCE_SHEET,
  REFERENCE_TABLE,
  TableSnapshot,
  bytesOf,
  hasErrorCode,
  snapshot,
} from "./referenceSheet";
import {
  recalculateReferenceFormulas,
  refreshWorkbookLibrary,
  trackReferenceTable,
  valuesFromTable,
} from "./referenceSync";

export { REFERENCE_SHEET, REFERENCE_TABLE } from "./referenceSheet";

/** Position of each canonical column in a table whose columns the user may have reordered or extended. */
export function canonicalPositions(header: readonly CellValue[]): number[] {
  const names = header.map((h) => String(h ?? ""));
  return CANONICAL_HEADERS.map((h) => names.indexOf(h));
}

export function toCanonicalOrder(
  cells: readonly CellValue[],
  positions: readonly number[]
): CellValue[] {
  return positions.map((p) => (p < 0 ? "" : (cells[p] ?? "")));
}

/** The merge key of a table row given in canonical order; "" for a blank row. */
export function keyOfCanonicalCells(canonical: readonly CellValue[]): string {
  const industry = String(canonical[0] ?? "");
  const metric = String(canonical[2] ?? "");
  if (!industry && !metric) return "";
  const yearCell = canonical[6];
  const year =
    typeof yearCell === "number"
      ? yearCell
      : yearCell === "" || yearCell === null
        ? undefined
        : Number(yearCell);
  return referenceKey({ industry, metric, year, region: String(canonical[5] ?? "") });
}

/** Allowance for the JSON around each queued row (ids, method names, addresses, the check's load). */
const ROW_OVERHEAD_BYTES = 96;
const MAX_VERIFY_ROUNDS = 3;

const TEXT_FIELDS = new Set(
  CANONICAL_COLUMNS.filter((c) => c.kind === "text").map((c) => c.field as string)
);

export interface ImportProgress {
  rowsDone: number;
  rowsTotal: number;
  syncs: number;
}

export interface WriteOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Checked between requests: an abort stops before the next one; rows already written stay (and are counted). */
  signal?: AbortSignal;
  /** A row whose key exists with different figures: "replace" it (default) or "keep" the existing row. */
  policy?: ConflictPolicy;
  maxRequestBytes?: number;
  /** Recalculate the cells holding reference functions afterwards (default true). */
  recalculate?: boolean;
}

export interface RowChange {
  key: string;
  industry: string;
  metric: string;
  /** 1-based sheet row of the existing row when planned. */
  sheetRow: number;
  before: CellValue[];
  after: CellValue[];
  unitChanged: boolean;
}

/** One row the write put into the table, with what was there before (for undo). */
export interface WrittenRow {
  key: string;
  value: ReferenceValue;
  kind: "added" | "updated";
  before?: CellValue[];
}

export interface WriteResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Existing rows left as they were although the import had different figures (policy "keep"). */
  kept: number;
  /** Every overwritten row with its old and new contents. */
  updates: RowChange[];
  keptRows: RowChange[];
  /** Exactly the rows that reached the workbook. */
  written: WrittenRow[];
  /** Planned rows that were not written (cancelled or failed); the unconfirmed ones are not counted. */
  remaining: number;
  cancelled: boolean;
  syncs: number;
  tableCreated: boolean;
  /** Rows found under the wrong key by the in-request check and put right. */
  repaired: number;
  /**
   * Rows of a failed request whose fate is unknown: the table could not be read back after the
   * failure, so they may or may not be in it (0 otherwise).
   */
  unconfirmed: number;
}

/** A write stopped part-way by an Excel error; `result` says exactly what was written. */
export class ReferenceWriteError extends Error {
  constructor(
    message: string,
    readonly result: WriteResult,
    override readonly cause: unknown
  ) {
    super(message);
    this.name = "ReferenceWriteError";
  }
}

/** A canonical row as written to cells: text through excelTextInput, blanks as "". */
function cellsForWrite(row: readonly CellValue[]): (string | number | boolean)[] {
  return row.map((cell, i) => {
    if (cell === null) return "";
    if (typeof cell === "string" && TEXT_FIELDS.has(CANONICAL_HEADERS[i]))
      return excelTextInput(cell);
    return cell;
  });
}

function existingRows(snap: Pick<TableSnapshot, "header" | "body">): ExistingRow[] {
  const positions = canonicalPositions(snap.header);
  const rows: ExistingRow[] = [];
  snap.body.forEach((cells, index) => {
    const canonical = toCanonicalOrder(cells, positions);
    const key = keyOfCanonicalCells(canonical);
    if (key) rows.push({ key, index, cells: canonical });
  });
  return rows;
}

/** The plan for these rows against the table as it is now (one Excel.run; nothing written). */
export async function previewReferenceRows(
  rows: readonly ReferenceValue[],
  policy: ConflictPolicy = "replace"
): Promise<MergePlan & { tableExists: boolean }> {
  return Excel.run(async (context) => {
    const snap = await snapshot(context);
    return { ...planMerge(existingRows(snap), rows, policy), tableExists: snap.exists };
  });
}

type Operation =
  | {
      kind: "append";
      value: ReferenceValue;
      cells: (string | number | boolean | null)[];
      /** The intended row in canonical order, for the read-back check. */
      canonical?: CellValue[];
    }
  | {
      kind: "update";
      value: ReferenceValue;
      index: number;
      key: string;
      before: CellValue[];
      cells: (string | number | boolean | null)[];
      canonical?: CellValue[];
      /** What a misplaced update found (and overwrote) at its stale position, to put back. */
      overwrote?: CellValue[];
    };

const GUARD = {} as Excel.WorksheetProtectionOptions;

interface Session {
  context: Excel.RequestContext;
  result: WriteResult;
  maxBytes: number;
  header: string[];
  bodyRow: number;
  bodyColumn: number;
  /**
   * Every row this write must leave in the table, by key, in canonical order: the rows it wrote and
   * any row a stale-positioned request overwrote by mistake (known from the cells the request loaded).
   */
  expected: Map<string, CellValue[]>;
  /** Keys the table already held more than once before the write: the user's, left alone. */
  tolerated: Set<string>;
}

function newSession(context: Excel.RequestContext, result: WriteResult, maxBytes: number): Session {
  const where = { header: [], bodyRow: 0, bodyColumn: 0 };
  return { context, result, maxBytes, ...where, expected: new Map(), tolerated: new Set() };
}

async function sync(session: Session): Promise<void> {
  await session.context.sync();
  session.result.syncs++;
}

function sheetOf(session: Session): Excel.Worksheet {
  return session.context.workbook.worksheets.getItem(REFERENCE_SHEET);
}

/**
 * Sends operations in one request between lifting and restoring the guard; returns the previous
 * contents of updated rows (loaded in the same request, before the write).
 */
async function send(session: Session, batch: Operation[]): Promise<Map<Operation, CellValue[]>> {
  const sheet = sheetOf(session);
  sheet.protection.unprotect();
  const appends = batch.filter((op) => op.kind === "append");
  // Updates of consecutive rows travel as one range: one load (the check) and one write.
  const updates = batch
    .filter((op): op is Extract<Operation, { kind: "update" }> => op.kind === "update")
    .sort((a, b) => a.index - b.index);
  const runs: { ops: typeof updates; check?: Excel.Range }[] = [];
  for (const op of updates) {
    const last = runs[runs.length - 1];
    if (last && last.ops[last.ops.length - 1].index + 1 === op.index) last.ops.push(op);
    else runs.push({ ops: [op] });
  }
  for (const run of runs) {
    const target = () =>
      sheet.getRangeByIndexes(
        session.bodyRow + run.ops[0].index,
        session.bodyColumn,
        run.ops.length,
        session.header.length
      );
    // Queued before the write, so the sync returns what the write replaced.
    run.check = target().load("values");
    target().values = run.ops.map((op) => op.cells);
  }
  if (appends.length > 0)
    session.context.workbook.tables.getItem(REFERENCE_TABLE).rows.add(
      undefined,
      appends.map((op) => op.cells as (string | number | boolean)[])
    );
  sheet.protection.protect(GUARD);
  try {
    await sync(session);
  } catch (error) {
    if (!hasErrorCode(error, "RequestPayloadSizeLimitExceeded") || batch.length < 2) throw error;
    // The rejected request changed nothing: send the same operations again in two halves.
    const half = Math.ceil(batch.length / 2);
    const first = await send(session, batch.slice(0, half));
    const second = await send(session, batch.slice(half));
    return new Map([...first, ...second]);
  }
  const previous = new Map<Operation, CellValue[]>();
  for (const run of runs)
    run.ops.forEach((op, i) => previous.set(op, run.check!.values[i] as CellValue[]));
  return previous;
}

function planOperations(session: Session, plan: MergePlan): Operation[] {
  const positions = CANONICAL_HEADERS.map((h) => session.header.indexOf(h));
  const toTableOrder = (canonical: CellValue[], fill: string | null) => {
    const cells: (string | number | boolean | null)[] = session.header.map(() => fill);
    const written = cellsForWrite(canonical);
    positions.forEach((p, i) => (cells[p] = written[i]));
    return cells;
  };
  const updates: Operation[] = plan.updates.map((u) => ({
    kind: "update",
    value: u.value,
    index: u.index,
    key: u.key,
    before: u.before,
    // Unmapped extra columns are left alone: null means "no change" in a values array.
    cells: toTableOrder(u.after, null),
    canonical: u.after,
  }));
  const appends: Operation[] = plan.adds.map((value) => {
    const canonical = toCanonicalRow(value);
    return { kind: "append", value, cells: toTableOrder(canonical, ""), canonical };
  });
  return [...updates, ...appends];
}

/** Canonical cells in the table's column order; `fill` for columns the canonical row does not have. */
function inTableOrder(
  session: Session,
  canonical: readonly CellValue[],
  fill: string | null
): (string | number | boolean | null)[] {
  const cells: (string | number | boolean | null)[] = session.header.map(() => fill);
  const written = cellsForWrite(canonical);
  CANONICAL_HEADERS.forEach((h, i) => (cells[session.header.indexOf(h)] = written[i]));
  return cells;
}

/**
 * A request wrote over a row it did not mean to (its loaded cells say which): that row must be in the
 * table at the end as it was, unless this write has its own cells for the key. With `ownKey` (the
 * key the request meant), cells of that very row are not noted; returns whether the row was another.
 */
function noteOverwritten(
  session: Session,
  tableCells: readonly CellValue[],
  ownKey?: string
): boolean {
  const canonical = toCanonicalOrder(tableCells, canonicalPositions(session.header));
  const key = keyOfCanonicalCells(canonical);
  if (ownKey !== undefined && key === ownKey) return false;
  if (key && !session.expected.has(key) && !session.tolerated.has(key))
    session.expected.set(key, canonical);
  return true;
}

/** Creates sheet (if missing) and table with the guard on; one request. */
async function createTable(session: Session, sheetExists: boolean): Promise<void> {
  const { context } = session;
  const sheet = sheetExists
    ? context.workbook.worksheets.getItem(REFERENCE_SHEET)
    : context.workbook.worksheets.add(REFERENCE_SHEET);
  sheet.getRange("A1:A2").values = [
    [
      excelTextInput(
        "Crossbench reference data: one row per industry × metric × region × year (see the Crossbench help for each column)."
      ),
    ],
    [
      excelTextInput(
        `Rows marked illustrative are an ${ILLUSTRATIVE_NOTICE}. Edit rows here or import files from the Crossbench pane; BENCH functions read this table first.`
      ),
    ],
  ];
  const headerRange = sheet.getRangeByIndexes(
    REFERENCE_HEADER_ROW - 1,
    0,
    1,
    CANONICAL_HEADERS.length
  );
  headerRange.values = [CANONICAL_HEADERS.map((h) => h)];
  const created = sheet.tables.add(headerRange, true);
  created.name = REFERENCE_TABLE;
  sheet.protection.protect(GUARD);
  // Created in its own small request, so a data request that Excel rejects can never undo the table.
  await sync(session);
  session.result.tableCreated = true;
}

function changeOf(session: Session, u: MergePlan["updates"][number]): RowChange {
  return {
    key: u.key,
    industry: u.value.industry,
    metric: u.value.metric,
    sheetRow: session.bodyRow + u.index + 1,
    before: u.before,
    after: u.after,
    unitChanged: u.unitChanged,
  };
}

/** Writes the planned operations chunk by chunk, checking every updated row's key in its request. */
async function writePlanned(
  session: Session,
  operations: Operation[],
  options: WriteOptions,
  progress: { done: number; total: number }
): Promise<Operation[]> {
  const misplaced: Operation[] = [];
  const positions = canonicalPositions(session.header);
  const chunks = chunkByBytes(
    operations,
    // The check loads what each update overwrites: its response is the same size, under the same budget.
    (op) => bytesOf(op.cells) + ROW_OVERHEAD_BYTES,
    session.maxBytes
  );
  for (const chunk of chunks) {
    if (options.signal?.aborted) {
      session.result.cancelled = true;
      break;
    }

    let previous: Map<Operation, CellValue[]>;
    try {
      previous = await send(session, chunk);
    } catch (error) {
      await noteLanded(session, chunk);
      throw error;
    }
    const misplacedBefore = misplaced.length;
    for (const op of chunk) {
      if (op.kind === "update") {
        const found = previous.get(op) ?? [];
        const foundKey = keyOfCanonicalCells(toCanonicalOrder(found, positions));
        if (foundKey !== op.key) {
          noteOverwritten(session, found);
          misplaced.push({ ...op, overwrote: found });
          continue;
        }
      }
      recordWritten(session, op);
    }
    progress.done += chunk.length - (misplaced.length - misplacedBefore);
    options.onProgress?.({
      rowsDone: progress.done,
      rowsTotal: progress.total,
      syncs: session.result.syncs,
    });
  }
  return misplaced;
}

/** An operation whose row reached the table: in the result, and checked by the read-back at the end. */
function recordWritten(session: Session, op: Operation): void {
  const key = referenceKey(op.value);
  if (op.canonical && !session.tolerated.has(key)) session.expected.set(key, op.canonical);
  session.result.written.push({
    key,
    value: op.value,
    kind: op.kind === "append" ? "added" : "updated",
    ...(op.kind === "update" ? { before: op.before } : {}),
  });
}

/**
 * A request failed: Excel is not transactional, so the operations before the failing one stay applied.
 * The table is read back and each of the request's rows found under its key with exactly its cells is
 * recorded as written, so the report and undo cover it. When even that read fails, the request's rows
 * are counted as unconfirmed and the report says so.
 */
async function noteLanded(session: Session, chunk: readonly Operation[]): Promise<void> {
  const intended = new Map<string, CellValue[]>();
  for (const op of chunk) if (op.canonical) intended.set(referenceKey(op.value), op.canonical);
  let rows: ExistingRow[];
  try {
    rows = existingRows(await readSession(session));
  } catch {
    session.result.unconfirmed = intended.size;
    return;
  }
  const check = checkWritten(intended, rows);
  const notThere = new Set([...check.missing, ...check.wrong.map((w) => w.key)]);
  for (const op of chunk)
    if (op.canonical && !notThere.has(referenceKey(op.value))) recordWritten(session, op);
}

function duplicateKeys(rows: readonly ExistingRow[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const row of rows) (seen.has(row.key) ? twice : seen).add(row.key);
  return twice;
}

/** Deletes body rows (bottom up, so earlier positions hold); returns what each deleted row held. */
async function deleteRows(session: Session, indexes: readonly number[]): Promise<CellValue[][]> {
  const sheet = sheetOf(session);
  const rows = session.context.workbook.tables.getItem(REFERENCE_TABLE).rows;
  const deleted: CellValue[][] = [];
  const sorted = [...indexes].sort((a, b) => b - a);
  for (let i = 0; i < sorted.length; i += 500) {
    sheet.protection.unprotect();
    // Loaded before the delete in the same request: what was really removed.
    const loads = sorted.slice(i, i + 500).map((index) => {
      const cells = sheet
        .getRangeByIndexes(session.bodyRow + index, session.bodyColumn, 1, session.header.length)
        .load("values");
      rows.getItemAt(index).delete();
      return cells;
    });
    sheet.protection.protect(GUARD);
    await sync(session);
    for (const cells of loads) deleted.push((cells.values[0] ?? []) as CellValue[]);
  }
  return deleted;
}

/**
 * Reads the table back and repairs it until every row this write must leave there is there exactly
 * once with its cells (checkWritten): appended rows lost or doubled by a sort, an inserted row or a
 * half-written request are appended again or deleted, values that landed on the wrong row rewritten
 * by key. Each repair loads what it overwrites or deletes, so a repair that itself meets a moved row
 * is caught by the next round. Returns the last snapshot read (the table as verified).
 */
async function verifyWritten(session: Session): Promise<TableSnapshot> {
  // A row rewritten and read back with the same other cells is how Excel stores them (e.g. text it
  // normalises): accepted, so a representation difference can never look like a moving table.
  let rewritten = new Map<string, string>();
  for (let round = 0; ; round++) {
    const snap = await readSession(session);
    const rows = existingRows(snap);
    const check = checkWritten(session.expected, rows);
    check.wrong = check.wrong.filter((w) => rewritten.get(w.key) !== JSON.stringify(w.found));
    const foundBefore = new Map(check.wrong.map((w) => [w.key, JSON.stringify(w.found)]));
    rewritten = new Map();
    if (writtenCorrectly(check)) return snap;
    const damaged = check.missing.length + check.duplicated.length + check.wrong.length;
    if (round >= MAX_VERIFY_ROUNDS)
      throw new Error(
        `The ${REFERENCE_TABLE} table kept changing during the import; ${damaged.toLocaleString("en-US")} rows could not be put right (sort or edit the table only after the import).`
      );
    const operations: Operation[] = [
      ...check.wrong.map((w): Operation => {
        const canonical = session.expected.get(w.key)!;
        return {
          kind: "update",
          value: {} as ReferenceValue,
          index: w.index,
          key: w.key,
          before: [],
          cells: inTableOrder(session, canonical, null),
        };
      }),
      ...check.missing.map((key): Operation => ({
        kind: "append",
        value: {} as ReferenceValue,
        cells: inTableOrder(session, session.expected.get(key)!, ""),
      })),
    ];
    for (const chunk of chunkByBytes(
      operations,
      (op) => bytesOf(op.cells) + ROW_OVERHEAD_BYTES,
      session.maxBytes
    )) {
      const overwritten = await send(session, chunk);
      for (const op of chunk) {
        const found = op.kind === "update" ? overwritten.get(op) : undefined;
        if (!found || op.kind !== "update") continue;
        if (!noteOverwritten(session, found, op.key))
          rewritten.set(op.key, foundBefore.get(op.key) ?? "");
      }
    }
    // Deleted last, in their own requests: the updates above used the positions just read.
    const deleted = await deleteRows(
      session,
      check.duplicated.map((d) => d.index)
    );
    for (const cells of deleted) noteOverwritten(session, cells);
    session.result.repaired += damaged;
  }
}

async function readSession(session: Session): Promise<TableSnapshot> {
  const snap = await snapshot(session.context, session.maxBytes);
  session.result.syncs += snap.syncs;
  return snap;
}

function emptyResult(): WriteResult {
  return {
    added: 0,
    updated: 0,
    unchanged: 0,
    kept: 0,
    updates: [],
    keptRows: [],
    written: [],
    remaining: 0,
    cancelled: false,
    syncs: 0,
    tableCreated: false,
    repaired: 0,
    unconfirmed: 0,
  };
}

function summarise(result: WriteResult, plannedTotal: number): void {
  result.added = result.written.filter((w) => w.kind === "added").length;
  const writtenKeys = new Set(result.written.filter((w) => w.kind === "updated").map((w) => w.key));
  result.updates = result.updates.filter((u) => writtenKeys.has(u.key));
  result.updated = result.updates.length;
  result.remaining = plannedTotal - result.written.length - result.unconfirmed;
}

/**
 * Merges `rows` into the workbook's reference table and makes them the active library. Validate first
 * (src/reference/importPipeline): this writes what it is given.
 */
export async function writeReferenceRows(
  rows: readonly ReferenceValue[],
  options: WriteOptions = {}
): Promise<WriteResult> {
  const policy = options.policy ?? "replace";
  // Leave room for what our estimate does not see (request envelope, object paths).
  const maxBytes = Math.floor((options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES) * 0.97) - 2048;
  planMerge([], rows, policy); // refuses duplicate keys before anything is touched
  const result = emptyResult();
  let plannedTotal = 0;
  let finalValues: ReferenceValue[] | undefined;
  const endOwnWrite = beginOwnWrite();
  let failure: unknown;
  try {
    await Excel.run(async (context) => {
      const session = newSession(context, result, maxBytes);
      let snap = await readSession(session);
      if (snap.sheetProtected)
        throw new Error(
          `The sheet "${REFERENCE_SHEET}" is protected. Unprotect it (Review > Unprotect Sheet), then import again; nothing was written.`
        );
      if (!snap.exists) {
        await createTable(session, snap.sheetExists);
      } else {
        sheetOf(session).protection.protect(GUARD);
        await sync(session);
      }
      try {
        // Read again under the guard: from here on the positions cannot change between requests.
        snap = await readSession(session);
        session.header = snap.header.map((h) => String(h));
        session.bodyRow = snap.bodyRow;
        session.bodyColumn = snap.bodyColumn;
        const missing = CANONICAL_HEADERS.filter((h) => !session.header.includes(h));
        if (missing.length > 0)
          throw new Error(
            `The ${REFERENCE_TABLE} table on "${REFERENCE_SHEET}" lacks the column(s) ${missing.join(", ")}; add them back (header names as in the Crossbench help) before importing.`
          );
        session.tolerated = duplicateKeys(existingRows(snap));
        const plan = planMerge(existingRows(snap), rows, policy);
        result.unchanged = plan.unchanged;
        result.kept = plan.conflicts.length;
        result.keptRows = plan.conflicts.map((c) => changeOf(session, c));
        result.updates = plan.updates.map((u) => changeOf(session, u));
        plannedTotal = plan.adds.length + plan.updates.length;
        const progress = { done: 0, total: plannedTotal };
        let misplaced = await writePlanned(
          session,
          planOperations(session, plan),
          options,
          progress
        );
        for (let round = 0; misplaced.length > 0 && !result.cancelled; round++) {
          if (round >= MAX_VERIFY_ROUNDS)
            throw new Error(
              `The ${REFERENCE_TABLE} table kept changing during the import; ${misplaced.length} rows were not written.`
            );
          // Put back what the misplaced writes overwrote, then plan those rows again by key. The
          // put-back is positional too: what it overwrote, if not the misplaced row, is noted.
          const putBacks = misplaced.map((op) => ({
            ...op,
            cells: (op.kind === "update" ? op.overwrote : op.cells) as (
              string | number | boolean
            )[],
          }));
          const overwritten = await send(session, putBacks);
          for (const op of putBacks) {
            const found = overwritten.get(op);
            if (found && op.kind === "update") noteOverwritten(session, found, op.key);
          }
          result.repaired += misplaced.length;

          snap = await readSession(session);
          const again = planMerge(
            existingRows(snap),
            misplaced.map((op) => op.value),
            policy
          );
          // A row the plan now finds unchanged is there with its new cells (a put-back that met a
          // moved row left the misplaced write standing): it was written, and is checked like one.
          const replanned = new Set(
            [...again.updates, ...again.conflicts]
              .map((u) => u.key)
              .concat(again.adds.map(referenceKey))
          );
          for (const op of misplaced) {
            const key = referenceKey(op.value);
            if (replanned.has(key) || op.kind !== "update") continue;
            if (!session.tolerated.has(key) && op.canonical)
              session.expected.set(key, op.canonical);
            result.written.push({ key, value: op.value, kind: "updated", before: op.before });
            progress.done++;
          }

          misplaced = await writePlanned(
            session,
            planOperations(session, again),
            options,
            progress
          );
        }
        snap = await verifyWritten(session);
        if (result.tableCreated && result.written.length > 0) {
          sheetOf(session).protection.unprotect();
          context.workbook.tables.getItem(REFERENCE_TABLE).getRange().format.autofitColumns();
          sheetOf(session).protection.protect(GUARD);
          await sync(session);
        }
        if (!result.cancelled) {
          // The table as the check read it back is the library.
          finalValues = valuesFromTable(snap.header, snap.body, snap.bodyRow + 1).values;
          trackReferenceTable(snap.tableId);
        }
      } finally {
        // Lift the guard whatever happened; a failure to do so must not hide the first error.
        const sheet = context.workbook.worksheets.getItem(REFERENCE_SHEET);
        const protection = sheet.protection.load("protected");
        await context.sync().catch(() => undefined);
        if (protection.protected) {
          sheet.protection.unprotect();
          await sync(session).catch((error: unknown) => (failure ??= error));
        }
      }
    });
  } catch (error) {
    failure = error;
  } finally {
    endOwnWrite();
  }
  summarise(result, plannedTotal);
  const libraryBefore = JSON.stringify(getWorkbookReferenceValues());
  if (finalValues && failure === undefined) {
    setWorkbookReferenceValues(finalValues);
    setWorkbookStatus("ready");
  } else {
    // Only the cells can say what arrived.
    await refreshWorkbookLibrary().catch(() => undefined);
  }
  const changed = JSON.stringify(getWorkbookReferenceValues()) !== libraryBefore;
  if (changed && options.recalculate !== false)
    await recalculateReferenceFormulas().catch((error: unknown) => (failure ??= error));
  if (failure !== undefined) {
    if (result.written.length === 0 && result.unconfirmed === 0 && !result.tableCreated)
      throw failure;
    const unconfirmed =
      result.unconfirmed > 0
        ? ` ${result.unconfirmed.toLocaleString("en-US")} more ${result.unconfirmed === 1 ? "row" : "rows"} of the last request may have been written too: the table could not be read back to check.`
        : "";
    throw new ReferenceWriteError(
      `The import stopped after ${result.written.length.toLocaleString("en-US")} of ${plannedTotal.toLocaleString("en-US")} rows: ${failure instanceof Error ? failure.message : String(failure)}${unconfirmed}`,
      result,
      failure
    );
  }
  return result;
}

/**
 * Undoes a write: removes the rows it added and puts back the figures of the rows it updated, each
 * found by key (one Excel.run, the same guard and chunking as the write).
 */
export async function undoReferenceWrite(
  written: readonly WrittenRow[],
  options: Pick<WriteOptions, "maxRequestBytes"> = {}
): Promise<{ removed: number; restored: number }> {
  const maxBytes = Math.floor((options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES) * 0.97) - 2048;
  const endOwnWrite = beginOwnWrite();
  const counts = { removed: 0, restored: 0 };
  try {
    await Excel.run(async (context) => {
      const session = newSession(context, emptyResult(), maxBytes);
      const sheet = sheetOf(session);
      sheet.protection.protect(GUARD);
      await sync(session);
      try {
        const snap = await readSession(session);
        session.header = snap.header.map((h) => String(h));
        session.bodyRow = snap.bodyRow;
        session.bodyColumn = snap.bodyColumn;
        const byKey = new Map(existingRows(snap).map((row) => [row.key, row.index]));
        const restores: Operation[] = [];
        const removals: number[] = [];
        for (const w of written) {
          const index = byKey.get(w.key);
          if (index === undefined) continue;
          if (w.kind === "added") removals.push(index);
          else if (w.before) {
            const cells: (string | number | boolean | null)[] = session.header.map(() => null);
            const positions = canonicalPositions(snap.header);
            const restored = cellsForWrite(w.before);
            positions.forEach((p, i) => (cells[p] = restored[i]));
            restores.push({ kind: "update", value: w.value, index, key: w.key, before: [], cells });
          }
        }
        for (const chunk of chunkByBytes(
          restores,
          (op) => bytesOf(op.cells) + ROW_OVERHEAD_BYTES,
          maxBytes
        )) {
          await send(session, chunk);
          counts.restored += chunk.length;
        }
        // Delete from the bottom up, so earlier positions stay valid inside the request.
        removals.sort((a, b) => b - a);
        for (let i = 0; i < removals.length; i += 500) {
          sheet.protection.unprotect();
          for (const index of removals.slice(i, i + 500))
            context.workbook.tables.getItem(REFERENCE_TABLE).rows.getItemAt(index).delete();
          sheet.protection.protect(GUARD);

          await sync(session);
          counts.removed += Math.min(500, removals.length - i);
        }
      } finally {
        sheet.protection.unprotect();
        await context.sync();
      }
    });
  } finally {
    endOwnWrite();
  }
  await refreshWorkbookLibrary();
  await recalculateReferenceFormulas();
  return counts;
}
