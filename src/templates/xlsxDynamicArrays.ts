/**
 * Dynamic-array formulas in .xlsx files, stored as Excel stores a spilled formula: the anchor cell carries
 * `cm="1"` (cell metadata 1) and `<f t="array" ref="…">`, and xl/metadata.xml defines that metadata as
 * XLDAPR with `dynamicArrayProperties fDynamic="1"` ([MS-XLSX] 2.6.102 / 2.3.25). Without the metadata
 * Excel reads the `t="array"` formula as a legacy fixed-size (Ctrl+Shift+Enter) array: it no longer
 * resizes, and shows {braces}. exceljs writes only the legacy form, so this module post-processes the
 * package it produced (JSZip) and adds the three parts Excel expects: the metadata part, its content
 * type, and the workbook relationship.
 */
import JSZip from "jszip";

const METADATA_PART = "xl/metadata.xml";
const METADATA_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml";
const METADATA_RELATIONSHIP =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata";

/** The metadata part Excel writes for dynamic arrays (one cell-metadata record, index 1 in `cm`). */
export const DYNAMIC_ARRAY_METADATA = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;

/** `<c …>` immediately followed by an array formula: the anchors of spilled formulas. */
const ARRAY_ANCHOR = /<c((?:\s+[a-zA-Z:]+="[^"]*")*)\s*>(\s*<f\s+t="array")/g;

/** Marks every array-formula anchor in a worksheet's XML as a dynamic array; returns the XML and the count. */
export function markAnchors(sheetXml: string): { xml: string; marked: number } {
  let marked = 0;
  const xml = sheetXml.replace(ARRAY_ANCHOR, (match, attributes: string, formula: string) => {
    if (/\scm="/.test(attributes)) return match;
    marked++;
    return `<c${attributes} cm="1">${formula}`;
  });
  return { xml, marked };
}

function addContentType(contentTypes: string): string {
  if (contentTypes.includes(`PartName="/${METADATA_PART}"`)) return contentTypes;
  return contentTypes.replace(
    "</Types>",
    `<Override PartName="/${METADATA_PART}" ContentType="${METADATA_CONTENT_TYPE}"/></Types>`
  );
}

function addRelationship(relationships: string): string {
  if (relationships.includes(METADATA_RELATIONSHIP)) return relationships;
  const ids = [...relationships.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
  const id = `rId${Math.max(0, ...ids) + 1}`;
  return relationships.replace(
    "</Relationships>",
    `<Relationship Id="${id}" Type="${METADATA_RELATIONSHIP}" Target="metadata.xml"/></Relationships>`
  );
}

/**
 * Turns the legacy array formulas of an .xlsx package into dynamic-array formulas. A package without
 * array formulas is returned unchanged.
 */
export async function withDynamicArrays(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const sheets = Object.keys(zip.files).filter((name) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(name)
  );
  let total = 0;
  for (const name of sheets) {
    const { xml, marked } = markAnchors(await zip.file(name)!.async("string"));
    if (marked > 0) zip.file(name, xml);
    total += marked;
  }
  if (total === 0) return xlsx;
  zip.file(METADATA_PART, DYNAMIC_ARRAY_METADATA);
  zip.file(
    "[Content_Types].xml",
    addContentType(await zip.file("[Content_Types].xml")!.async("string"))
  );
  const relsName = "xl/_rels/workbook.xml.rels";
  zip.file(relsName, addRelationship(await zip.file(relsName)!.async("string")));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
