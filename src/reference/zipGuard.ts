/**
 * Zip-bomb guard for .xlsx input: reads the zip central directory (the list of entries with their
 * compressed and uncompressed sizes, APPNOTE.TXT §4.3.12, including ZIP64 sizes §4.5.3) and refuses a
 * workbook whose entries would expand beyond the limits, before anything is inflated. Declared sizes
 * can lie, so checkInflatedSizes then counts what each entry really inflates to, in small chunks that
 * are dropped as they come, before the workbook reader (which holds every part whole) sees the bytes.
 */
import JSZip from "jszip";

export interface ZipEntrySize {
  name: string;
  compressed: number;
  uncompressed: number;
}

export interface ZipLimits {
  /** Largest total uncompressed size of all entries. */
  maxTotalBytes: number;
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest expansion ratio of an entry bigger than 1 MB. */
  maxRatio: number;
  maxEntries: number;
}

/** Generous for real workbooks (a 100,000-row sheet is ~100 MB of XML), far below what exhausts memory. */
export const XLSX_LIMITS: ZipLimits = {
  maxTotalBytes: 400 * 1024 * 1024,
  maxEntryBytes: 300 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 10_000,
};

const EOCD = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;

/** The central directory's entries, or a reason the bytes are not a readable zip. */
export function readZipEntrySizes(bytes: Uint8Array): ZipEntrySize[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "it is not a zip archive (no end of central directory)";
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const locator = eocd - 20;
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    locator >= 0 &&
    view.getUint32(locator, true) === ZIP64_EOCD_LOCATOR
  ) {
    const zip64 = Number(view.getBigUint64(locator + 8, true));
    if (zip64 + 56 > bytes.length || view.getUint32(zip64, true) !== ZIP64_EOCD)
      return "its ZIP64 directory is damaged";
    count = Number(view.getBigUint64(zip64 + 32, true));
    offset = Number(view.getBigUint64(zip64 + 48, true));
  }
  const entries: ZipEntrySize[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER)
      return "its central directory is damaged";
    let compressed = view.getUint32(at + 20, true);
    let uncompressed = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (uncompressed === 0xffffffff || compressed === 0xffffffff) {
      // ZIP64 extended information (tag 0x0001): the 8-byte sizes that are 0xFFFFFFFF above, in order.
      let extra = at + 46 + nameLength;
      const end = extra + extraLength;
      while (extra + 4 <= end) {
        const tag = view.getUint16(extra, true);
        const size = view.getUint16(extra + 2, true);
        if (tag === 0x0001) {
          let field = extra + 4;
          if (uncompressed === 0xffffffff && field + 8 <= end) {
            uncompressed = Number(view.getBigUint64(field, true));
            field += 8;
          }
          if (compressed === 0xffffffff && field + 8 <= end)
            compressed = Number(view.getBigUint64(field, true));
          break;
        }
        extra += 4 + size;
      }
    }
    entries.push({ name, compressed, uncompressed });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const MB = 1024 * 1024;
const mb = (bytes: number): string => `${Math.round(bytes / MB).toLocaleString("en-US")} MB`;

/** A message when the archive must not be inflated, or undefined when it is within the limits. */
export function checkZipLimits(
  bytes: Uint8Array,
  limits: ZipLimits = XLSX_LIMITS
): string | undefined {
  const entries = readZipEntrySizes(bytes);
  if (typeof entries === "string") return `This is not a readable .xlsx workbook: ${entries}.`;
  if (entries.length > limits.maxEntries)
    return `The workbook holds ${entries.length.toLocaleString("en-US")} parts; at most ${limits.maxEntries.toLocaleString("en-US")} are read.`;
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressed;
    if (entry.uncompressed > limits.maxEntryBytes)
      return `The workbook part "${entry.name.slice(0, 60)}" expands to ${mb(entry.uncompressed)}; Crossbench reads parts up to ${mb(limits.maxEntryBytes)}. Save the table as CSV, or split it.`;
    if (
      entry.uncompressed > MB &&
      entry.uncompressed > limits.maxRatio * Math.max(1, entry.compressed)
    )
      return `The workbook part "${entry.name.slice(0, 60)}" expands ${Math.round(entry.uncompressed / Math.max(1, entry.compressed))}-fold (${mb(entry.compressed)} to ${mb(entry.uncompressed)}), which real workbooks never do; it was not opened.`;
  }
  if (total > limits.maxTotalBytes)
    return `The workbook expands to ${mb(total)}; Crossbench reads workbooks up to ${mb(limits.maxTotalBytes)} expanded. Save the table as CSV, or split it.`;
  return undefined;
}

/** JSZip's chunked reader of one entry (JSZipObject.internalStream; not in jszip's typings). */
interface EntryStream {
  on(event: "data", callback: (chunk: Uint8Array) => void): EntryStream;
  on(event: "end", callback: () => void): EntryStream;
  on(event: "error", callback: (error: Error) => void): EntryStream;
  pause(): EntryStream;
  resume(): EntryStream;
}

/**
 * Inflates one entry chunk by chunk (16 KB of deflated data at a time), keeping nothing, and stops as
 * soon as more than `budget` bytes came out. Undefined when the entry cannot be inflated at all (the
 * workbook reader then says the file is damaged).
 */
function inflatedSize(
  stream: EntryStream,
  budget: number
): Promise<{ bytes: number; stopped: boolean } | undefined> {
  return new Promise((resolve) => {
    let bytes = 0;
    let settled = false;
    const settle = (result: { bytes: number; stopped: boolean } | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    stream
      .on("data", (chunk) => {
        bytes += chunk.length;
        if (bytes > budget && !settled) {
          stream.pause();
          settle({ bytes, stopped: true });
        }
      })
      .on("error", () => settle(undefined))
      .on("end", () => settle({ bytes, stopped: false }))
      .resume();
  });
}

/**
 * The sizes the zip declares can lie: a central directory that under-declares passes checkZipLimits
 * and would then inflate without bound inside the workbook reader. This inflates every entry once,
 * counting the bytes that really come out, and refuses the archive as soon as an entry gives more than
 * it declared or than the limits allow. A message, or undefined when the archive is within its word.
 */
export async function checkInflatedSizes(
  bytes: Uint8Array,
  limits: ZipLimits = XLSX_LIMITS
): Promise<string | undefined> {
  const declared = readZipEntrySizes(bytes);
  if (typeof declared === "string") return `This is not a readable .xlsx workbook: ${declared}.`;
  const sizes = new Map(declared.map((e) => [e.name, e.uncompressed]));
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return undefined; // Not readable as a zip: the workbook reader gives its own message.
  }
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const own = Math.min(sizes.get(entry.name) ?? limits.maxEntryBytes, limits.maxEntryBytes);
    const left = limits.maxTotalBytes - total;
    const stream = (
      entry as unknown as { internalStream(type: "uint8array"): EntryStream }
    ).internalStream("uint8array");
    const inflated = await inflatedSize(stream, Math.min(own, left));
    if (!inflated) return undefined;
    const name = entry.name.slice(0, 60);
    if (inflated.stopped && inflated.bytes > own)
      return `The workbook part "${name}" expands beyond the ${size(own)} it declares (stopped at ${size(inflated.bytes)}): the file is damaged or built to exhaust memory, and it was not opened.`;
    if (inflated.stopped)
      return `The workbook expands beyond ${mb(limits.maxTotalBytes)}; Crossbench reads workbooks up to ${mb(limits.maxTotalBytes)} expanded. Save the table as CSV, or split it.`;
    total += inflated.bytes;
  }
  return undefined;
}

const size = (bytes: number): string =>
  bytes >= MB ? mb(bytes) : `${bytes.toLocaleString("en-US")} bytes`;
