/**
 * The active library of the shared runtime: the workbook's `Crossbench Reference` rows over the bundled
 * library. src/excel/referenceSync.ts and referenceWriter.ts feed it when the table is read, written or changes; the BENCH
 * functions only ever read it, so a function call never costs a workbook round trip. Without a workbook
 * (tests, the JavaScript-only runtime) it is the bundled library.
 *
 * The workbook rows live on globalThis, not in this module: functions.js and the task pane are separate
 * webpack bundles, each with its own copy of this module, and an import made in the pane must be
 * visible to the functions at once.
 */
import { BUNDLED_LIBRARY } from "./bundledLibrary";
import { ReferenceLibrary } from "./library";
import { ReferenceValue } from "./model";

/**
 * Whether the workbook's own table is in the active library: "none" (no workbook, or no table),
 * "loading" (first read under way), "ready", or "unavailable" (the table could not be read; the
 * functions then answer #N/A saying so instead of serving bundled figures as if they were the user's).
 */
export type WorkbookStatus = "none" | "loading" | "ready" | "unavailable";

interface SharedReferenceState {
  workbookValues: readonly ReferenceValue[];
  /** Bumped on every change, so each bundle knows when to rebuild its index. */
  version: number;
  pendingLoad?: Promise<unknown>;
  status: WorkbookStatus;
  statusMessage?: string;
  /** Writes the add-in itself is making to the table: their change events are not the user's edits. */
  ownWrites: number;
}

const STATE_KEY = "__crossbenchReferenceState";

function shared(): SharedReferenceState {
  const holder = globalThis as unknown as Record<string, SharedReferenceState | undefined>;
  let state = holder[STATE_KEY];
  if (!state) {
    state = { workbookValues: [], version: 0, status: "none", ownWrites: 0 };
    holder[STATE_KEY] = state;
  }
  return state;
}

let cachedVersion = -1;
let active: ReferenceLibrary | undefined;
let profileCache: ReturnType<ReferenceLibrary["profileEntries"]> | undefined;

export function getActiveLibrary(): ReferenceLibrary {
  const state = shared();
  if (!active || cachedVersion !== state.version) {
    active = ReferenceLibrary.combine(state.workbookValues, BUNDLED_LIBRARY);
    profileCache = undefined;
    cachedVersion = state.version;
  }
  return active;
}

/** Cached per library version: SIMILARITY would otherwise rebuild every industry profile per call. */
export function getActiveProfile(): ReturnType<ReferenceLibrary["profileEntries"]> {
  const library = getActiveLibrary();
  if (!profileCache) profileCache = library.profileEntries();
  return profileCache;
}

/** Replaces the workbook part of the active library (called after reading or writing the workbook table). */
export function setWorkbookReferenceValues(values: readonly ReferenceValue[]): void {
  const state = shared();
  state.workbookValues = values;
  state.version++;
}

export function getWorkbookReferenceValues(): readonly ReferenceValue[] {
  return shared().workbookValues;
}

/**
 * Lets the functions wait for the first workbook read (if one was started) so the first results
 * after opening a workbook already include its table; later calls resolve at once.
 */
export function setPendingWorkbookLoad(load: Promise<unknown> | undefined): void {
  shared().pendingLoad = load;
}

/** Waits for the first workbook read, at most `timeoutMs` (a hung read must not keep functions busy). */
export async function whenWorkbookLoaded(timeoutMs = 15_000): Promise<void> {
  const load = shared().pendingLoad;
  if (!load) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  try {
    await Promise.race([load.then(() => undefined), timeout]);
  } catch {
    // The reader records the failure in the status; callers check workbookStatus().
  } finally {
    clearTimeout(timer);
  }
}

export function workbookStatus(): { status: WorkbookStatus; message?: string } {
  const state = shared();
  return { status: state.status, ...(state.statusMessage ? { message: state.statusMessage } : {}) };
}

export function setWorkbookStatus(status: WorkbookStatus, message?: string): void {
  const state = shared();
  state.status = status;
  state.statusMessage = message;
}

/** Marks a write by the add-in (until the returned function is called). */
export function beginOwnWrite(): () => void {
  const state = shared();
  state.ownWrites++;
  let ended = false;
  return () => {
    if (!ended) state.ownWrites--;
    ended = true;
  };
}

export function ownWriteInProgress(): boolean {
  return shared().ownWrites > 0;
}
