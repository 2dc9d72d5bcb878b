/**
 * Native Excel charts in a generated .xlsx. exceljs cannot write charts (and no maintained npm library
 * does), so this module adds the DrawingML parts to the package exceljs wrote: one chart part per
 * ChartPlan (xl/charts/chartN.xml), one drawing per sheet with charts (xl/drawings/drawingN.xml, a
 * twoCellAnchor per chart), their relationships, the worksheet's <drawing r:id> and the content types.
 *
 * Every series refers to live sheet cells (c:numRef / c:strRef), so the chart redraws when inputs change;
 * the caches hold the values known when the file was generated (literals and cached results), and
 * formulas without a known result are left out of the cache (Excel and LibreOffice recalculate on load).
 *
 * How a plan's rectangle becomes series (the same rule Excel applies in charts.add with a header row and
 * a label column): seriesBy "columns": the first row holds the series names and the first column the
 * categories (the x values of a scatter chart), each further column is a series; seriesBy "rows": the
 * same, transposed.
 */
import JSZip from "jszip";
import { columnLetter, parseCell, type CellValue, type ChartPlan } from "./plan";

/** What the chart writer needs to know about one sheet. */
export interface ChartSheet {
  /** The sheet's name in the workbook. */
  name: string;
  charts: readonly ChartPlan[];
  /** The value known at generation time and the number format of a cell (zero-based), if any. */
  cell(row: number, column: number): { value: CellValue | undefined; format: string } | undefined;
}

const NS = {
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  main: "http://schemas.openxmlformats.org/drawingml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  drawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  packageRels: "http://schemas.openxmlformats.org/package/2006/relationships",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
} as const;

export const CHART_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const DRAWING_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

/** Default chart size when a plan gives no bottom-right corner: 8 columns by 16 rows. */
const DEFAULT_SPAN = { columns: 8, rows: 16 };

export const escapeXml = (text: string): string =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Characters XML 1.0 cannot carry at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

/** A sheet-qualified absolute reference; the name is always quoted (always valid, never ambiguous). */
export function chartReference(
  sheet: string,
  top: number,
  left: number,
  bottom: number,
  right: number
): string {
  const cell = (r: number, c: number): string => `$${columnLetter(c)}$${r + 1}`;
  const quoted = `'${sheet.replace(/'/g, "''")}'!`;
  return top === bottom && left === right
    ? `${quoted}${cell(top, left)}`
    : `${quoted}${cell(top, left)}:${cell(bottom, right)}`;
}

interface Line {
  /** Zero-based cells along the line, in order. */
  cells: { row: number; column: number }[];
  reference: string;
}

/** One series: its name cell, categories (or x values) and values. */
export interface SeriesSpec {
  name: Line;
  categories: Line;
  values: Line;
}

function parseRange(range: string): { top: number; left: number; bottom: number; right: number } {
  const [start, end = start] = range.replace(/\$/g, "").split(":");
  const a = parseCell(start);
  const b = parseCell(end);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}

/** Splits a plan's rectangle into series (see the module comment for the rule). */
export function seriesOf(plan: ChartPlan, sheet: string): SeriesSpec[] {
  const { top, left, bottom, right } = parseRange(plan.data);
  const byColumns = plan.seriesBy === "columns";
  const line = (fixed: number, from: number, to: number): Line => {
    const cells: { row: number; column: number }[] = [];
    for (let i = from; i <= to; i++)
      cells.push(byColumns ? { row: i, column: fixed } : { row: fixed, column: i });
    const reference = byColumns
      ? chartReference(sheet, from, fixed, to, fixed)
      : chartReference(sheet, fixed, from, fixed, to);
    return { cells, reference };
  };
  const [firstLine, lastLine, firstPoint, lastPoint] = byColumns
    ? [left, right, top, bottom]
    : [top, bottom, left, right];
  if (lastLine <= firstLine || lastPoint <= firstPoint)
    throw new Error(
      `Chart "${plan.title}": ${plan.data} needs a header ${byColumns ? "row" : "column"} and a category ${byColumns ? "column" : "row"} besides the values`
    );
  const categories = line(firstLine, firstPoint + 1, lastPoint);
  const series: SeriesSpec[] = [];
  for (let k = firstLine + 1; k <= lastLine; k++)
    series.push({
      name: line(k, firstPoint, firstPoint),
      categories,
      values: line(k, firstPoint + 1, lastPoint),
    });
  return series;
}

/** Number formats that hold text placeholders only ("@") or nothing are written as General. */
const cacheFormat = (format: string | undefined): string =>
  !format || format === "@" ? "General" : format;

function numCache(line: Line, sheet: ChartSheet): string {
  const points = line.cells
    .map(({ row, column }, index) => ({ index, value: sheet.cell(row, column)?.value }))
    .filter((p): p is { index: number; value: number } => typeof p.value === "number")
    .filter((p) => Number.isFinite(p.value))
    .map((p) => `<c:pt idx="${p.index}"><c:v>${p.value}</c:v></c:pt>`)
    .join("");
  const first = line.cells[0];
  const format = escapeXml(cacheFormat(sheet.cell(first.row, first.column)?.format));
  return `<c:numRef><c:f>${escapeXml(line.reference)}</c:f><c:numCache><c:formatCode>${format}</c:formatCode><c:ptCount val="${line.cells.length}"/>${points}</c:numCache></c:numRef>`;
}

function strCache(line: Line, sheet: ChartSheet): string {
  const points = line.cells
    .map(({ row, column }, index) => ({ index, value: sheet.cell(row, column)?.value }))
    .filter((p) => p.value !== undefined && p.value !== null && p.value !== "")
    .map((p) => `<c:pt idx="${p.index}"><c:v>${escapeXml(String(p.value))}</c:v></c:pt>`)
    .join("");
  return `<c:strRef><c:f>${escapeXml(line.reference)}</c:f><c:strCache><c:ptCount val="${line.cells.length}"/>${points}</c:strCache></c:strRef>`;
}

/**
 * Categories are numbers (years, x values) when every known one is a number, or, when none is known yet
 * (formulas in portable files), when the cells carry a number format; else text.
 */
function categoryData(line: Line, sheet: ChartSheet, numeric: boolean): string {
  if (numeric) return numCache(line, sheet);
  const cells = line.cells.map(({ row, column }) => sheet.cell(row, column));
  const known = cells
    .map((cell) => cell?.value)
    .filter((v) => v !== undefined && v !== null && v !== "");
  const numbers =
    known.length > 0
      ? known.every((v) => typeof v === "number")
      : cells.every((cell) => cell !== undefined && cacheFormat(cell.format) !== "General");
  return numbers ? numCache(line, sheet) : strCache(line, sheet);
}

const PALETTE = ["1F3864", "ED7D31", "70AD47", "FFC000", "5B9BD5", "A5A5A5"];

function seriesXml(plan: ChartPlan, series: SeriesSpec, index: number, sheet: ChartSheet): string {
  const colour = PALETTE[index % PALETTE.length];
  const head = `<c:idx val="${index}"/><c:order val="${index}"/><c:tx>${strCache(series.name, sheet)}</c:tx>`;
  switch (plan.type) {
    case "line":
      return (
        `<c:ser>${head}<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>` +
        `<c:cat>${categoryData(series.categories, sheet, false)}</c:cat><c:val>${numCache(series.values, sheet)}</c:val><c:smooth val="0"/></c:ser>`
      );
    case "xyScatter":
      return (
        `<c:ser>${head}<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="8"/><c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr></c:marker>` +
        `<c:xVal>${categoryData(series.categories, sheet, true)}</c:xVal><c:yVal>${numCache(series.values, sheet)}</c:yVal><c:smooth val="0"/></c:ser>`
      );
    case "columnClustered":
    case "barClustered":
      return (
        `<c:ser>${head}<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
        `<c:cat>${categoryData(series.categories, sheet, false)}</c:cat><c:val>${numCache(series.values, sheet)}</c:val></c:ser>`
      );
  }
}

const CATEGORY_AXIS = 500001;
const VALUE_AXIS = 500002;

/** An axis title (c:title), or nothing. */
function axisTitle(text: string | undefined): string {
  if (!text) return "";
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000" b="0"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="1000" b="0"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

function valueAxis(
  id: number,
  cross: number,
  position: "l" | "b",
  format: string,
  title?: string,
  range?: { min: number; max: number }
): string {
  const bounds = range ? `<c:max val="${range.max}"/><c:min val="${range.min}"/>` : "";
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/>${bounds}</c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${position}"/><c:majorGridlines/>${axisTitle(title)}<c:numFmt formatCode="${escapeXml(format)}" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="${position === "l" ? "between" : "midCat"}"/></c:valAx>`
  );
}

function categoryAxis(position: "l" | "b", title?: string): string {
  return (
    `<c:catAx><c:axId val="${CATEGORY_AXIS}"/><c:scaling><c:orientation val="${position === "l" ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${position}"/>${axisTitle(title)}<c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
    `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function plotArea(plan: ChartPlan, series: SeriesSpec[], sheet: ChartSheet): string {
  const body = series.map((s, i) => seriesXml(plan, s, i, sheet)).join("");
  const axes = `<c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/>`;
  const first = series[0].values.cells[0];
  const valueFormat = cacheFormat(sheet.cell(first.row, first.column)?.format);
  const { category: categoryTitle, value: valueTitle } = plan.axisTitles ?? {};
  const range = plan.valueRange;
  switch (plan.type) {
    case "line":
      return (
        `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${body}<c:marker val="1"/>${axes}</c:lineChart>` +
        categoryAxis("b", categoryTitle) +
        valueAxis(VALUE_AXIS, CATEGORY_AXIS, "l", valueFormat, valueTitle, range)
      );
    case "xyScatter": {
      const x = series[0].categories.cells[0];
      const xFormat = cacheFormat(sheet.cell(x.row, x.column)?.format);
      return (
        `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${body}${axes}</c:scatterChart>` +
        valueAxis(CATEGORY_AXIS, VALUE_AXIS, "b", xFormat, categoryTitle) +
        valueAxis(VALUE_AXIS, CATEGORY_AXIS, "l", valueFormat, valueTitle, range)
      );
    }
    case "columnClustered":
    case "barClustered": {
      const horizontal = plan.type === "barClustered";
      return (
        `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${body}` +
        `<c:gapWidth val="${horizontal ? 60 : 40}"/>${axes}</c:barChart>` +
        categoryAxis(horizontal ? "l" : "b", categoryTitle) +
        valueAxis(
          VALUE_AXIS,
          CATEGORY_AXIS,
          horizontal ? "b" : "l",
          valueFormat,
          valueTitle,
          range
        ).replace('crossBetween val="midCat"', 'crossBetween val="between"')
      );
    }
  }
}

/** The chart part (c:chartSpace) for one plan on a sheet. */
export function chartXml(plan: ChartPlan, sheet: ChartSheet): string {
  const series = seriesOf(plan, sheet.name);
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1300" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="1300" b="1"/><a:t>${escapeXml(plan.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.main}" xmlns:r="${NS.rel}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plotArea(plan, series, sheet)}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart></c:chartSpace>`
  );
}

function anchorCorners(plan: ChartPlan): {
  from: { row: number; column: number };
  to: { row: number; column: number };
} {
  const from = parseCell(plan.anchor);
  const to = plan.to
    ? parseCell(plan.to)
    : { row: from.row + DEFAULT_SPAN.rows, column: from.column + DEFAULT_SPAN.columns };
  return { from, to };
}

/** The drawing part holding one twoCellAnchor per chart; chart k is relationship rId(k+1). */
export function drawingXml(charts: readonly ChartPlan[]): string {
  const marker = (tag: string, p: { row: number; column: number }): string =>
    `<xdr:${tag}><xdr:col>${p.column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const anchors = charts
    .map((plan, k) => {
      const { from, to } = anchorCorners(plan);
      return (
        `<xdr:twoCellAnchor editAs="oneCell">${marker("from", from)}${marker("to", to)}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${k + 2}" name="Chart ${k + 1}" descr="${escapeXml(plan.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" r:id="rId${k + 1}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS.drawing}" xmlns:a="${NS.main}" xmlns:r="${NS.rel}">${anchors}</xdr:wsDr>`
  );
}

const relationshipsXml = (relationships: { id: string; type: string; target: string }[]): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRels}">` +
  relationships
    .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`)
    .join("") +
  `</Relationships>`;

const attribute = (element: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(element);
  return match?.[1];
};

const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** Worksheet part paths by sheet name, from xl/workbook.xml and its relationships. */
async function worksheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await readPart(zip, "xl/workbook.xml");
  const rels = await readPart(zip, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const element of rels.match(/<Relationship\s[^>]*>/g) ?? []) {
    const id = attribute(element, "Id");
    const target = attribute(element, "Target");
    if (id && target) targets.set(id, target);
  }
  const parts = new Map<string, string>();
  for (const element of workbook.match(/<sheet\s[^>]*>/g) ?? []) {
    const name = attribute(element, "name");
    const id = attribute(element, "r:id");
    const target = id ? targets.get(id) : undefined;
    if (name === undefined || !target) continue;
    parts.set(
      unescapeXml(name),
      target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`
    );
  }
  return parts;
}

async function readPart(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`The workbook package has no ${path}`);
  return file.async("string");
}

/** Worksheet children that must come after <drawing> (ECMA-376 CT_Worksheet order). */
const AFTER_DRAWING = [
  "<legacyDrawing",
  "<legacyDrawingHF",
  "<picture",
  "<oleObjects",
  "<controls",
  "<webPublishItems",
  "<tableParts",
  "<extLst",
  "</worksheet>",
];

function insertDrawing(worksheet: string, relationshipId: string): string {
  if (/<drawing\s/.test(worksheet)) throw new Error("The worksheet already has a drawing");
  const position = Math.min(
    ...AFTER_DRAWING.map((tag) => worksheet.indexOf(tag)).filter((index) => index >= 0)
  );
  let withRoot = worksheet;
  let at = position;
  if (!/<worksheet[^>]*\sxmlns:r=/.test(worksheet)) {
    withRoot = worksheet.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.rel}"`);
    at += withRoot.length - worksheet.length;
  }
  return `${withRoot.slice(0, at)}<drawing r:id="${relationshipId}"/>${withRoot.slice(at)}`;
}

/** The worksheet's rels with a drawing relationship added; returns the new id. */
function addRelationship(
  existing: string | undefined,
  type: string,
  target: string
): { xml: string; id: string } {
  const relationships: { id: string; type: string; target: string }[] = [];
  for (const element of existing?.match(/<Relationship\s[^>]*>/g) ?? []) {
    relationships.push({
      id: attribute(element, "Id") ?? "",
      type: attribute(element, "Type") ?? "",
      target: unescapeXml(attribute(element, "Target") ?? ""),
    });
    const mode = attribute(element, "TargetMode");
    if (mode) throw new Error("External worksheet relationships are not expected here");
  }
  const ids = new Set(relationships.map((r) => r.id));
  let n = relationships.length + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  relationships.push({ id, type, target });
  return { xml: relationshipsXml(relationships), id };
}

function addOverrides(contentTypes: string, overrides: { part: string; type: string }[]): string {
  const xml = overrides
    .map((o) => `<Override PartName="/${o.part}" ContentType="${o.type}"/>`)
    .join("");
  return contentTypes.replace("</Types>", `${xml}</Types>`);
}

const partFolder = (part: string): string => part.slice(0, part.lastIndexOf("/"));
const partFile = (part: string): string => part.slice(part.lastIndexOf("/") + 1);

/**
 * Adds every chart of every sheet to the package; returns the new bytes (the input when no sheet has a
 * chart). Throws when a plan's chart is malformed, so a file never silently loses a chart.
 */
export async function addNativeCharts(
  xlsx: Buffer | Uint8Array,
  sheets: readonly ChartSheet[]
): Promise<Buffer> {
  const withCharts = sheets.filter((s) => s.charts.length > 0);
  if (withCharts.length === 0) return Buffer.from(xlsx);
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await worksheetParts(zip);
  const overrides: { part: string; type: string }[] = [];
  let chartNumber = 0;
  let drawingNumber = 0;
  for (const sheet of withCharts) {
    const worksheetPart = parts.get(sheet.name);
    if (!worksheetPart) throw new Error(`The workbook has no sheet named "${sheet.name}"`);
    while (zip.file(`xl/drawings/drawing${drawingNumber + 1}.xml`)) drawingNumber++;
    const drawingPart = `xl/drawings/drawing${++drawingNumber}.xml`;
    const chartTargets: { id: string; type: string; target: string }[] = [];
    sheet.charts.forEach((plan, k) => {
      while (zip.file(`xl/charts/chart${chartNumber + 1}.xml`)) chartNumber++;
      const chartPart = `xl/charts/chart${++chartNumber}.xml`;
      zip.file(chartPart, chartXml(plan, sheet));
      overrides.push({ part: chartPart, type: CHART_CONTENT_TYPE });
      chartTargets.push({
        id: `rId${k + 1}`,
        type: NS.chartRel,
        target: `../charts/${partFile(chartPart)}`,
      });
    });
    zip.file(drawingPart, drawingXml(sheet.charts));
    zip.file(`xl/drawings/_rels/${partFile(drawingPart)}.rels`, relationshipsXml(chartTargets));
    overrides.push({ part: drawingPart, type: DRAWING_CONTENT_TYPE });

    const relsPart = `${partFolder(worksheetPart)}/_rels/${partFile(worksheetPart)}.rels`;
    const existingRels = zip.file(relsPart) ? await readPart(zip, relsPart) : undefined;
    const { xml, id } = addRelationship(
      existingRels,
      NS.drawingRel,
      `../drawings/${partFile(drawingPart)}`
    );
    zip.file(relsPart, xml);
    zip.file(worksheetPart, insertDrawing(await readPart(zip, worksheetPart), id));
  }
  zip.file(
    "[Content_Types].xml",
    addOverrides(await readPart(zip, "[Content_Types].xml"), overrides)
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
