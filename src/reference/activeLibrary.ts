/**
 * The active library of the shared runtime: the workbook's `Crossbench Reference` rows over the bundled
 * library. src/excel/referenceTable.ts feeds it when the table is read, written or changes; the BENCH
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

interface SharedReferenceState {
  workbookValues: readonly ReferenceValue[];
  /** Bumped on every change, so each bundle knows when to rebuild its index. */
  version: number;
  pendingLoad?: Promise<unknown>;
}

const STATE_KEY = "__crossbenchReferenceState";

function shared(): SharedReferenceState {
  const holder = globalThis as unknown as Record<string, SharedReferenceState | undefined>;
  let state = holder[STATE_KEY];
  if (!state) {
    state = { workbookValues: [], version: 0 };
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

export async function whenWorkbookLoaded(): Promise<void> {
  const load = shared().pendingLoad;
  if (load) {
    try {
      await load;
    } catch {
      // A failed read leaves the bundled library active; the reader logs and keeps its own error.
    }
  }
}
