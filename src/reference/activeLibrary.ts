/**
 * The active library of the shared runtime: the workbook's `Crossbench Reference` rows over the bundled
 * library. src/excel/referenceTable.ts feeds it when the table is read or changes; the BENCH functions
 * only ever read it, so a function call never costs a workbook round trip. Without a workbook (tests,
 * the JavaScript-only runtime) it is the bundled library.
 */
import { BUNDLED_LIBRARY } from "./bundledLibrary";
import { ReferenceLibrary } from "./library";
import { ReferenceValue } from "./model";

let workbookValues: readonly ReferenceValue[] = [];
let active: ReferenceLibrary | undefined;
let profileCache: ReturnType<ReferenceLibrary["profileEntries"]> | undefined;
let pendingLoad: Promise<unknown> | undefined;

export function getActiveLibrary(): ReferenceLibrary {
  if (!active) active = ReferenceLibrary.combine(workbookValues, BUNDLED_LIBRARY);
  return active;
}

/** Cached per library version: SIMILARITY would otherwise rebuild every industry profile per call. */
export function getActiveProfile(): ReturnType<ReferenceLibrary["profileEntries"]> {
  if (!profileCache) profileCache = getActiveLibrary().profileEntries();
  return profileCache;
}

/** Replaces the workbook part of the active library (called after reading the workbook table). */
export function setWorkbookReferenceValues(values: readonly ReferenceValue[]): void {
  workbookValues = values;
  active = undefined;
  profileCache = undefined;
}

export function getWorkbookReferenceValues(): readonly ReferenceValue[] {
  return workbookValues;
}

/**
 * Lets the functions wait for the first workbook read (if one was started) so the first results
 * after opening a workbook already include its table; later calls resolve at once.
 */
export function setPendingWorkbookLoad(load: Promise<unknown> | undefined): void {
  pendingLoad = load;
}

export async function whenWorkbookLoaded(): Promise<void> {
  if (pendingLoad) {
    try {
      await pendingLoad;
    } catch {
      // A failed read leaves the bundled library active; the reader reports its own error.
    }
  }
}
