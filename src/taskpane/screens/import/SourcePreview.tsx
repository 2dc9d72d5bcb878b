/** The first rows of the source as read, how its numbers are read, and its sheet (workbooks). */
import React from "react";
import { Caption1, Field, Select, Subtitle2 } from "@fluentui/react-components";
import type { DecimalMark, ImportSource } from "../../paneActions";
import { useStackStyles } from "../../components/common";
import { PREVIEW_ROWS, useImportStyles } from "./styles";

export interface SourcePreviewProps {
  source: ImportSource;
  /** Preview rows with numbers as read, when the importer offers them. */
  values?: (string | number)[][];
  /** The decimal mark the user chose; undefined = the inferred one. */
  decimal?: DecimalMark;
  onDecimal: (decimal: DecimalMark) => void;
  onSheet: (sheet: string) => void;
}

export function SourcePreview({ source, values, decimal, onDecimal, onSheet }: SourcePreviewProps) {
  const stack = useStackStyles();
  const styles = useImportStyles();
  return (
    <section aria-labelledby="import-preview" className={stack.stack}>
      <Subtitle2 as="h2" id="import-preview">
        Preview of {source.label}
      </Subtitle2>
      <Caption1>
        {source.rowCount.toLocaleString()} data row{source.rowCount === 1 ? "" : "s"},{" "}
        {source.headers.length} column{source.headers.length === 1 ? "" : "s"}.{" "}
        {source.preview.length === 1
          ? "The row:"
          : `First ${Math.min(PREVIEW_ROWS, source.preview.length)} rows:`}
      </Caption1>
      {source.numberConvention && (
        <NumberConventionField
          convention={source.numberConvention}
          chosen={decimal}
          onDecimal={onDecimal}
        />
      )}
      {source.sheets && source.sheets.length > 1 && (
        <Field label="Sheet">
          <Select value={source.sheet} onChange={(_, data) => onSheet(data.value)}>
            {source.sheets.map((sheet) => (
              <option key={sheet}>{sheet}</option>
            ))}
          </Select>
        </Field>
      )}
      <div
        className={styles.previewScroller}
        tabIndex={0}
        role="region"
        aria-label="Preview table, scrolls sideways"
      >
        <table className={styles.previewTable}>
          <thead>
            <tr>
              {source.headers.map((header, index) => (
                <th key={index} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(values ?? source.preview).slice(0, PREVIEW_ROWS).map((row, rowIndex) => (
              <tr key={rowIndex}>
                {source.headers.map((_, column) => {
                  const cell = row[column] ?? "";
                  return typeof cell === "number" ? (
                    <td key={column} className={styles.number}>
                      {/* As read: a plain number, so a 1000x misreading shows at once. */}
                      {String(cell)}
                    </td>
                  ) : (
                    <td key={column}>{cell}</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const DECIMAL_LABELS: Record<DecimalMark, string> = {
  ".": "decimal point (1,234.5)",
  ",": "decimal comma (1.234,5)",
};

/** Says how numbers are read; where the file is ambiguous, lets the user choose. */
function NumberConventionField(props: {
  convention: NonNullable<ImportSource["numberConvention"]>;
  chosen?: DecimalMark;
  onDecimal: (decimal: DecimalMark) => void;
}) {
  const { convention, chosen, onDecimal } = props;
  const decimal = chosen ?? convention.decimal;
  if (convention.ambiguousCells === 0)
    return (
      <Caption1 data-testid="number-convention">
        Numbers read with a {DECIMAL_LABELS[decimal]}.
      </Caption1>
    );
  return (
    <Field
      label="Decimal mark"
      hint={`${convention.ambiguousCells.toLocaleString()} cells read differently with a decimal point or a decimal comma (e.g. 1.500 = 1.5 or 1500). Choose how this file writes numbers.`}
    >
      <Select value={decimal} onChange={(_, data) => onDecimal(data.value as DecimalMark)}>
        {(Object.keys(DECIMAL_LABELS) as DecimalMark[]).map((mark) => (
          <option key={mark} value={mark}>
            {DECIMAL_LABELS[mark]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
