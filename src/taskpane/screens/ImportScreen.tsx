/**
 * Import reference metrics: a file (CSV / XLSX / JSON), a pasted table or the selected range; preview;
 * column mapping (suggested, editable); a validation report naming row and column of every problem;
 * import all / only valid rows / cancel; progress with rows written, cancellable between chunks; and a
 * summary. Parsing libraries load only when this screen is used.
 */
import React, { useEffect, useId, useRef, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Radio,
  RadioGroup,
  Label,
  ProgressBar,
  Select,
  Spinner,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type {
  ColumnMapping,
  ConflictChoice,
  DecimalMark,
  ImportActions,
  ImportDefaults,
  ImportPreview,
  ImportProblem,
  ImportSource,
  ImportSummary,
  ImportValidation,
  WideMetricChoice,
} from "../paneActions";
import { ErrorBar, ScreenTitle, SuccessBar, useStackStyles } from "../components/common";
import { assignColumn, fieldOfColumn } from "./import/columnMapping";

const PREVIEW_ROWS = 5;
const PROBLEMS_SHOWN = 200;

const useStyles = makeStyles({
  previewScroller: {
    overflowX: "auto",
    maxWidth: "100%",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  previewTable: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      textAlign: "start",
      whiteSpace: "nowrap",
      maxWidth: "12em",
      overflow: "hidden",
      textOverflow: "ellipsis",
    },
  },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  fileInput: {
    maxWidth: "100%",
    color: tokens.colorNeutralForeground1,
  },
  wideMetric: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    minWidth: 0,
  },
  wideLegend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  problems: {
    maxHeight: "16em",
    overflowY: "auto",
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
});

type Stage =
  | { step: "source" }
  | {
      step: "map";
      source: ImportSource;
      mapping: ColumnMapping;
      wideMetrics?: WideMetricChoice[];
      defaults: ImportDefaults;
      /** The decimal mark the user chose (ambiguous files); undefined = the inferred one. */
      decimal?: DecimalMark;
      /** Preview rows with numbers as read, when the importer offers them. */
      values?: (string | number)[][];
      validation?: ImportValidation;
      preview?: ImportPreview;
      onConflict: ConflictChoice;
    }
  | { step: "writing"; source: ImportSource; written: number; total: number }
  | {
      step: "done";
      summary: ImportSummary;
      cancelled: boolean;
      retry?: () => void;
    };

export interface ImportScreenProps {
  loadImporter: () => Promise<ImportActions>;
}

export default function ImportScreen({ loadImporter }: ImportScreenProps) {
  const [importer, setImporter] = useState<ImportActions>();
  const [loadError, setLoadError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    loadImporter().then(
      (loaded) => current && setImporter(loaded),
      (caught: unknown) => current && setLoadError(caught)
    );
    return () => {
      current = false;
    };
  }, [loadImporter]);
  if (!importer) {
    return (
      <div>
        <ScreenTitle>Import reference metrics</ScreenTitle>
        {loadError === undefined ? (
          <Spinner size="small" label="Loading the import tools…" />
        ) : (
          <ErrorBar error={loadError} title="The import tools could not be loaded" />
        )}
      </div>
    );
  }
  return <ImportFlow importer={importer} />;
}

function ImportFlow({ importer }: { importer: ImportActions }) {
  const fileInputId = useId();
  const stack = useStackStyles();
  const styles = useStyles();
  const [stage, setStage] = useState<Stage>({ step: "source" });
  const [pasted, setPasted] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const fileRef = useRef<File>();
  const abortRef = useRef<AbortController>();

  async function load(read: () => Promise<ImportSource>) {
    setBusy(true);
    setError(undefined);
    try {
      const source = await read();
      const mapping = await importer.suggestMapping(source);
      const values = await importer.previewValues?.(source);
      setStage({
        step: "map",
        source,
        mapping,
        wideMetrics: source.wideMetrics,
        defaults: source.suggestedDefaults ?? {},
        onConflict: "keep",
        ...(values ? { values } : {}),
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function onFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    fileRef.current = file;
    void load(() => importer.readFile(file));
  }

  async function check(current: Extract<Stage, { step: "map" }>) {
    const { source, mapping, wideMetrics, defaults, decimal } = current;
    setBusy(true);
    setError(undefined);
    try {
      const choices = { mapping, wideMetrics, defaults, decimal };
      const validation = await importer.validate(source, choices);
      const preview =
        importer.preview && validation.validRows > 0
          ? await importer.preview(source, choices, validation.invalidRows > 0)
          : undefined;
      setStage({ ...current, validation, preview });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function write(
    current: Extract<Stage, { step: "map" }>,
    onlyValidRows: boolean,
    total: number
  ) {
    const { source, mapping, wideMetrics, defaults, decimal, onConflict } = current;
    const controller = new AbortController();
    abortRef.current = controller;
    setError(undefined);
    setStage({ step: "writing", source, written: 0, total });
    try {
      const summary = await importer.write(
        source,
        { mapping, wideMetrics, defaults, decimal },
        {
          onlyValidRows,
          onConflict,
          signal: controller.signal,
          onProgress: (written, of) => setStage({ step: "writing", source, written, total: of }),
        }
      );
      setStage({
        step: "done",
        summary,
        cancelled: controller.signal.aborted,
        retry: () => void write(current, onlyValidRows, total),
      });
    } catch (caught) {
      if (controller.signal.aborted) {
        setStage({ step: "source" });
        setError(
          new Error(
            "Import cancelled. Rows already written stay in the reference sheet; import again to finish."
          )
        );
      } else {
        setStage(current);
        setError(caught);
      }
    }
  }

  const restart = () => {
    setStage({ step: "source" });
    setError(undefined);
    setPasted("");
  };

  return (
    <div className={stack.stack}>
      <ScreenTitle>Import reference metrics</ScreenTitle>
      <ErrorBar error={error} title="Import problem" />

      {stage.step === "source" && (
        <>
          <Body1>
            Bring your own sources: an association survey, a public dataset, last year&apos;s
            figures.
          </Body1>
          <section aria-labelledby="import-file" className={stack.stack}>
            <Subtitle2 as="h2" id="import-file">
              From a file
            </Subtitle2>
            {/* A native file input: Fluent v9 has no file picker, and Field only labels Fluent controls. */}
            <div className={stack.stack}>
              <Label htmlFor={fileInputId}>CSV, XLSX or JSON file</Label>
              <input
                id={fileInputId}
                className={styles.fileInput}
                type="file"
                accept=".csv,.txt,.tsv,.xlsx,.xlsm,.json"
                onChange={onFile}
              />
            </div>
          </section>
          <section aria-labelledby="import-paste" className={stack.stack}>
            <Subtitle2 as="h2" id="import-paste">
              Or paste a table
            </Subtitle2>
            <Field label="Table with a header row (tab- or comma-separated)">
              <Textarea
                resize="vertical"
                rows={5}
                value={pasted}
                onChange={(_, data) => setPasted(data.value)}
              />
            </Field>
            <div>
              <Button
                disabled={busy || pasted.trim() === ""}
                onClick={() => load(() => importer.readPasted(pasted))}
              >
                Use pasted table
              </Button>
            </div>
          </section>
          {importer.readSelection && (
            <section aria-labelledby="import-selection" className={stack.stack}>
              <Subtitle2 as="h2" id="import-selection">
                Or use the selected range
              </Subtitle2>
              <div>
                <Button disabled={busy} onClick={() => load(importer.readSelection!)}>
                  Use the selected range
                </Button>
              </div>
            </section>
          )}
          {busy && <Spinner size="small" label="Reading…" />}
        </>
      )}

      {stage.step === "map" && (
        <MappingStep
          importer={importer}
          stage={stage}
          busy={busy}
          onSheet={(sheet) =>
            fileRef.current && load(() => importer.readFile(fileRef.current!, sheet))
          }
          onMapping={(mapping) => setStage({ ...stage, mapping, validation: undefined })}
          onWideMetrics={(wideMetrics) =>
            setStage({ ...stage, wideMetrics, validation: undefined })
          }
          onDefaults={(defaults) => setStage({ ...stage, defaults, validation: undefined })}
          onDecimal={(decimal) => {
            const current = stage;
            void importer.previewValues?.(current.source, decimal).then(
              (values) => setStage({ ...current, decimal, values, validation: undefined }),
              (caught: unknown) => setError(caught)
            );
            if (!importer.previewValues) setStage({ ...current, decimal, validation: undefined });
          }}
          onConflict={(onConflict) => setStage({ ...stage, onConflict })}
          onCheck={() => check(stage)}
          onWrite={(onlyValid, total) => write(stage, onlyValid, total)}
          onCancel={restart}
          styles={styles}
        />
      )}

      {stage.step === "writing" && (
        <section aria-label="Import progress" className={stack.stack}>
          <Field
            label="Writing to the reference sheet"
            validationState="none"
            validationMessage={`${stage.written.toLocaleString()} of ${stage.total.toLocaleString()} rows written`}
          >
            <ProgressBar value={stage.total > 0 ? stage.written / stage.total : 0} max={1} />
          </Field>
          <div>
            <Button onClick={() => abortRef.current?.abort()}>Cancel import</Button>
          </div>
        </section>
      )}

      {stage.step === "done" && stage.summary.failure && (
        <FailureReport
          summary={stage.summary}
          onFinish={stage.retry}
          onUndo={importer.undoLastWrite}
          onDone={restart}
        />
      )}

      {stage.step === "done" && !stage.summary.failure && (
        <>
          <SuccessBar>
            {stage.cancelled ? "Import stopped. " : "Import finished. "}
            <span data-testid="import-summary">
              {stage.summary.added.toLocaleString()} added, {stage.summary.updated.toLocaleString()}{" "}
              updated,{" "}
              {stage.summary.unchanged
                ? `${stage.summary.unchanged.toLocaleString()} unchanged, `
                : ""}
              {stage.summary.skipped.toLocaleString()} skipped
            </span>{" "}
            in the sheet {stage.summary.sheetName}.
          </SuccessBar>
          <div>
            <Button onClick={restart}>Import another source</Button>
          </div>
        </>
      )}
    </div>
  );
}

interface MappingStepProps {
  importer: ImportActions;
  stage: Extract<Stage, { step: "map" }>;
  busy: boolean;
  onSheet: (sheet: string) => void;
  onMapping: (mapping: ColumnMapping) => void;
  onWideMetrics: (metrics: WideMetricChoice[]) => void;
  onDefaults: (defaults: ImportDefaults) => void;
  onDecimal: (decimal: DecimalMark) => void;
  onConflict: (choice: ConflictChoice) => void;
  onCheck: () => void;
  onWrite: (onlyValidRows: boolean, total: number) => void;
  onCancel: () => void;
  styles: ReturnType<typeof useStyles>;
}

function MappingStep(props: MappingStepProps) {
  const {
    importer,
    stage,
    busy,
    onSheet,
    onMapping,
    onWideMetrics,
    onDefaults,
    onDecimal,
    onConflict,
    onCheck,
    onWrite,
    onCancel,
    styles,
  } = props;
  const stack = useStackStyles();
  const { source, mapping, validation } = stage;
  const wide = source.layout === "wide";
  const wideMetrics = stage.wideMetrics ?? [];
  const defaults = stage.defaults;
  // What the field table still requires (the validator's own rules and messages).
  const missing = importer.requirements(source, { mapping, defaults });
  // Marks: what would be required if left unmapped (fields) or left blank (defaults).
  const requiredFields = new Set(
    importer.requirements(source, { mapping: {}, defaults }).map((r) => r.field)
  );
  const requiredDefaults = new Set(
    importer
      .requirements(source, { mapping, defaults: {} })
      .filter((r) => r.byDefault)
      .map((r) => r.field)
  );
  const unconfirmed = wide ? wideMetrics.filter((metric) => metric.needsConfirmation) : [];

  if (source.rowCount === 0 && (source.readProblems?.length ?? 0) > 0) {
    return (
      <section aria-labelledby="import-unreadable" className={stack.stack}>
        <Subtitle2 as="h2" id="import-unreadable">
          {source.label} could not be read
        </Subtitle2>
        <ProblemList problems={source.readProblems ?? []} className={styles.problems} />
        <div>
          <Button onClick={onCancel}>Choose another source</Button>
        </div>
      </section>
    );
  }

  function updateWide(index: number, change: Partial<WideMetricChoice>) {
    onWideMetrics(
      wideMetrics.map((metric, i) =>
        i === index ? { ...metric, ...change, needsConfirmation: false } : metric
      )
    );
  }

  return (
    <>
      <section aria-labelledby="import-preview" className={stack.stack}>
        <Subtitle2 as="h2" id="import-preview">
          Preview of {source.label}
        </Subtitle2>
        <Caption1>
          {source.rowCount.toLocaleString()} data rows, {source.headers.length} columns.{" "}
          {source.preview.length === 1
            ? "The row:"
            : `First ${Math.min(PREVIEW_ROWS, source.preview.length)} rows:`}
        </Caption1>
        {source.numberConvention && (
          <NumberConventionField
            convention={source.numberConvention}
            chosen={stage.decimal}
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
              {(stage.values ?? source.preview).slice(0, PREVIEW_ROWS).map((row, rowIndex) => (
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

      <section aria-labelledby="import-mapping" className={stack.stack}>
        <Subtitle2 as="h2" id="import-mapping">
          {wide ? "Metrics (one per column)" : "Columns"}
        </Subtitle2>
        {wide ? (
          <Caption1>
            Rows are industries and columns are metrics. Confirm each metric&apos;s unit and which
            way is better.
          </Caption1>
        ) : (
          <Caption1>Suggested from the headers; change any that are wrong.</Caption1>
        )}
        {wide &&
          wideMetrics.map((metric, index) => (
            <fieldset key={metric.column} className={styles.wideMetric}>
              <legend className={styles.wideLegend}>{metric.metric}</legend>
              <Caption1>{metric.reason}</Caption1>
              <div className={stack.row}>
                <Field label="Unit">
                  <Select
                    value={metric.unit}
                    onChange={(_, data) => updateWide(index, { unit: data.value })}
                  >
                    {(importer.units ?? [metric.unit]).map((unit) => (
                      <option key={unit}>{unit}</option>
                    ))}
                  </Select>
                </Field>
                <Field label="Better when">
                  <Select
                    value={metric.direction}
                    onChange={(_, data) => updateWide(index, { direction: data.value })}
                  >
                    {(importer.directions ?? [metric.direction]).map((direction) => (
                      <option key={direction}>{direction}</option>
                    ))}
                  </Select>
                </Field>
              </div>
            </fieldset>
          ))}
        {wide && unconfirmed.length > 0 && (
          <div>
            <Button
              onClick={() =>
                onWideMetrics(
                  wideMetrics.map((metric) => ({ ...metric, needsConfirmation: false }))
                )
              }
            >
              Confirm{" "}
              {unconfirmed.length === wideMetrics.length
                ? "all"
                : `the other ${unconfirmed.length}`}{" "}
              as shown
            </Button>
          </div>
        )}
        {!wide &&
          source.headers.map((header, index) => (
            <Field key={index} label={`Column “${header || `#${index + 1}`}” holds`}>
              <Select
                value={fieldOfColumn(mapping, header)}
                onChange={(_, data) => onMapping(assignColumn(mapping, header, data.value))}
              >
                <option value="">Not imported</option>
                {importer.fields.map((field) => (
                  <option key={field.key} value={field.key}>
                    {field.label}
                    {requiredFields.has(field.key) ? " (required)" : ""}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        <DefaultFields defaults={defaults} onDefaults={onDefaults} required={requiredDefaults} />
        {missing.length > 0 && (
          <div role="status">
            <Body1>
              Still to map:{" "}
              {missing
                .map((r) => (r.byDefault ? `${r.label} (type it below)` : r.label))
                .join(", ")}
              .
            </Body1>
            <ul aria-label="Why the rows cannot be checked yet">
              {missing.map((r) => (
                <li key={r.field}>{r.why}</li>
              ))}
            </ul>
          </div>
        )}
        <div className={stack.row}>
          <Button
            appearance="primary"
            disabled={busy || missing.length > 0 || unconfirmed.length > 0}
            onClick={onCheck}
          >
            Check the rows
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
        {busy && <Spinner size="small" label="Checking…" />}
      </section>

      {validation && (
        <section aria-labelledby="import-report" className={stack.stack}>
          <Subtitle2 as="h2" id="import-report">
            Check result
          </Subtitle2>
          <Body1 role="status" data-testid="validation-summary">
            {validation.validRows.toLocaleString()} valid rows,{" "}
            {validation.invalidRows.toLocaleString()} with problems.
          </Body1>
          {validation.problems.length > 0 && (
            <ProblemList problems={validation.problems} className={styles.problems} />
          )}
          {stage.preview && (
            <PreviewReport
              preview={stage.preview}
              onConflict={stage.onConflict}
              setOnConflict={onConflict}
              className={styles.problems}
            />
          )}
          {validation.problems.length > PROBLEMS_SHOWN && (
            <Caption1>
              {(validation.problems.length - PROBLEMS_SHOWN).toLocaleString()} more problems not
              shown; fix these first.
            </Caption1>
          )}
          <div className={stack.row}>
            {validation.invalidRows === 0 ? (
              <Button appearance="primary" onClick={() => onWrite(false, validation.validRows)}>
                Import all {validation.validRows.toLocaleString()} rows
              </Button>
            ) : (
              validation.validRows > 0 && (
                <Button appearance="primary" onClick={() => onWrite(true, validation.validRows)}>
                  Import only the {validation.validRows.toLocaleString()} valid rows
                </Button>
              )
            )}
            <Button onClick={onCancel}>Cancel</Button>
          </div>
        </section>
      )}
    </>
  );
}

/** "Row 3, column C (median)", "Row 1" (a whole-row problem) or "Whole file". */
function problemPlace(problem: ImportProblem): string {
  if (problem.row <= 0) return problem.column || "Whole file";
  return problem.column ? `Row ${problem.row}, column ${problem.column}` : `Row ${problem.row}`;
}

function ProblemList({ problems, className }: { problems: ImportProblem[]; className: string }) {
  return (
    <ol className={className} aria-label="Problems found" tabIndex={0}>
      {problems.slice(0, PROBLEMS_SHOWN).map((problem, index) => (
        <li key={index}>
          {problem.severity === "warning" ? "Warning: " : ""}
          {problemPlace(problem)}: {problem.message}
        </li>
      ))}
    </ol>
  );
}

const DEFAULT_FIELDS: { key: keyof ImportDefaults; label: string }[] = [
  { key: "source", label: "Source for every row" },
  { key: "year", label: "Year for every row" },
  { key: "region", label: "Region for every row (blank = all regions)" },
  { key: "licence", label: "Licence for every row" },
];

/** Values the file has no column for (always the case for a wide table), prefilled from its title rows. */
function DefaultFields(props: {
  defaults: ImportDefaults;
  onDefaults: (defaults: ImportDefaults) => void;
  /** Default fields that must be filled (no column gives them). */
  required: ReadonlySet<string>;
}) {
  const { defaults, onDefaults, required } = props;
  return (
    <fieldset aria-label="Values for every row">
      {DEFAULT_FIELDS.map(({ key, label }) => (
        <Field key={key} label={`${label}${required.has(key) ? " (required)" : ""}`}>
          <Input
            value={defaults[key] === undefined ? "" : String(defaults[key])}
            type={key === "year" ? "number" : "text"}
            onChange={(_, data) =>
              onDefaults({
                ...defaults,
                [key]:
                  key === "year"
                    ? data.value === ""
                      ? undefined
                      : Number(data.value)
                    : data.value,
              })
            }
          />
        </Field>
      ))}
    </fieldset>
  );
}

/** Added / changed (old -> new, unit changes flagged) / unchanged, and the keep-or-replace choice. */
function PreviewReport(props: {
  preview: ImportPreview;
  onConflict: ConflictChoice;
  setOnConflict: (choice: ConflictChoice) => void;
  className: string;
}) {
  const { preview, onConflict, setOnConflict, className } = props;
  return (
    <section aria-label="What the import will change">
      <Body1 data-testid="import-preview">
        {preview.added.toLocaleString()} new, {preview.changed.length.toLocaleString()} already in
        the workbook with other figures, {preview.unchanged.toLocaleString()} unchanged.
      </Body1>
      {preview.changed.length > 0 && (
        <>
          <ol className={className} aria-label="Rows with other figures in the workbook">
            {preview.changed.slice(0, PROBLEMS_SHOWN).map((change, index) => (
              <li key={index}>
                {change.unitChanged ? "Unit changes! " : ""}
                {change.label}:{" "}
                {change.changes
                  .map((c) => `${c.field} ${c.before || "(blank)"} → ${c.after || "(blank)"}`)
                  .join("; ")}
              </li>
            ))}
          </ol>
          <RadioGroup
            value={onConflict}
            onChange={(_, data) => setOnConflict(data.value as ConflictChoice)}
            aria-label="Rows already in the workbook"
          >
            <Radio value="keep" label="Keep the existing rows" />
            <Radio value="replace" label="Replace them with the file's figures" />
          </RadioGroup>
        </>
      )}
    </section>
  );
}

/** A write that stopped part-way: what was written, and finish or undo. */
function FailureReport(props: {
  summary: ImportSummary;
  onFinish?: () => void;
  onUndo?: () => Promise<{ removed: number; restored: number }>;
  onDone: () => void;
}) {
  const { summary, onFinish, onUndo, onDone } = props;
  const failure = summary.failure!;
  const [undoState, setUndoState] = useState<string>();
  return (
    <section aria-labelledby="import-failure" role="alert">
      <Subtitle2 as="h2" id="import-failure">
        The import stopped part-way
      </Subtitle2>
      <Body1 data-testid="import-failure">
        {failure.message} {failure.written.toLocaleString()} rows were written and stay in the sheet{" "}
        {summary.sheetName}; {failure.remaining.toLocaleString()} were not.
      </Body1>
      <ol aria-label="Rows written">
        {failure.writtenRows.map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ol>
      {undoState && <Body1 role="status">{undoState}</Body1>}
      <div>
        {onFinish && (
          <Button appearance="primary" onClick={onFinish}>
            Finish the import
          </Button>
        )}
        {onUndo && (
          <Button
            onClick={() =>
              onUndo().then(
                (r) => setUndoState(`Undone: ${r.removed} rows removed, ${r.restored} restored.`),
                (e: unknown) =>
                  setUndoState(`Undo failed: ${e instanceof Error ? e.message : String(e)}`)
              )
            }
          >
            Undo what was written
          </Button>
        )}
        <Button onClick={onDone}>Close</Button>
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
