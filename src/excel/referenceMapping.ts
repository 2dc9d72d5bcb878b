/**
 * Column mappings remembered per workbook: the task pane saves the mapping the user confirmed for a
 * kind of file (identified by its header row) in the workbook's settings, and offers it again the next
 * time a file with the same headers is imported, on any computer that opens the workbook.
 */
import { ColumnMapping, parseMapping, serializeMapping } from "../reference/mapping";
import { normaliseName } from "../reference/model";

export const MAPPING_SETTING_KEY = "crossbench.referenceMappings";
/** Keeps the settings small: the most recent mappings win. */
const MAX_REMEMBERED = 20;

/** Identifies a kind of source file by its header row (case, spacing and punctuation ignored). */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(normaliseName).join("|");
}

type StoredMappings = { signature: string; mapping: string }[];

function decode(value: unknown): StoredMappings {
  const text = typeof value === "string" ? value : "";
  try {
    const data = JSON.parse(text) as unknown;
    return Array.isArray(data)
      ? data.filter(
          (e): e is StoredMappings[number] =>
            typeof e?.signature === "string" && typeof e?.mapping === "string"
        )
      : [];
  } catch {
    return [];
  }
}

async function readStored(context: Excel.RequestContext): Promise<StoredMappings> {
  const item = context.workbook.settings.getItemOrNullObject(MAPPING_SETTING_KEY);
  item.load("value");
  await context.sync();
  return item.isNullObject ? [] : decode(item.value);
}

/** The mapping saved for files with these headers, if any (one sync). */
export async function loadReferenceMapping(
  headers: readonly string[]
): Promise<ColumnMapping | undefined> {
  return Excel.run(async (context) => {
    const signature = headerSignature(headers);
    const found = (await readStored(context)).find((e) => e.signature === signature);
    return found ? parseMapping(found.mapping) : undefined;
  });
}

/** Saves the mapping for files with these headers (two syncs: read the list, write it back). */
export async function saveReferenceMapping(
  headers: readonly string[],
  mapping: ColumnMapping
): Promise<void> {
  await Excel.run(async (context) => {
    const signature = headerSignature(headers);
    const others = (await readStored(context)).filter((e) => e.signature !== signature);
    const next = [{ signature, mapping: serializeMapping(mapping) }, ...others].slice(
      0,
      MAX_REMEMBERED
    );
    context.workbook.settings.add(MAPPING_SETTING_KEY, JSON.stringify(next));
    await context.sync();
  });
}
