/**
 * Import reference metrics: a file (CSV / XLSX / JSON), a pasted table or the selected range; preview;
 * column mapping (suggested, editable); a validation report naming row and column of every problem;
 * import all / only valid rows / cancel; progress with rows written, cancellable between chunks; and a
 * summary. Parsing libraries load only when this screen is used. This module holds the state machine;
 * each step is drawn by its component in ./import/.
 */
import React, { useEffect, useRef, useState } from "react";
import { Button, Spinner, Subtitle2 } from "@fluentui/react-components";
import type {
  ColumnMapping,
  ConflictChoice,
  DecimalMark,
  ImportActions,
  ImportDefaults,
  ImportPreview,
  ImportSource,
  ImportSummary,
  ImportValidation,
  WideMetricChoice,
} from "../paneActions";
import { ErrorBar, ScreenTitle, useStackStyles } from "../components/common";
import { MapColumnsStep } from "./import/MapColumnsStep";
import { PreviewStep } from "./import/PreviewStep";
import { ProblemList } from "./import/ProblemList";
import { ResultStep, WritingProgress } from "./import/ResultStep";
import { SourcePreview } from "./import/SourcePreview";
import { SourceStep } from "./import/SourceStep";
import { WideMetricsStep } from "./import/WideMetricsStep";

type MapStage = {
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
};

type Stage =
  | { step: "source" }
  | MapStage
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
  const stack = useStackStyles();
  const [stage, setStage] = useState<Stage>({ step: "source" });
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

  async function check(current: MapStage) {
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

  async function write(current: MapStage, onlyValidRows: boolean, total: number) {
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
  };

  function onDecimal(current: MapStage, decimal: DecimalMark) {
    if (!importer.previewValues) {
      setStage({ ...current, decimal, validation: undefined });
      return;
    }
    void importer.previewValues(current.source, decimal).then(
      (values) => setStage({ ...current, decimal, values, validation: undefined }),
      (caught: unknown) => setError(caught)
    );
  }

  return (
    <div className={stack.stack}>
      <ScreenTitle>Import reference metrics</ScreenTitle>
      <ErrorBar error={error} title="Import problem" />

      {stage.step === "source" && (
        <SourceStep
          busy={busy}
          onFile={(file) => {
            fileRef.current = file;
            void load(() => importer.readFile(file));
          }}
          onPasted={(text) => void load(() => importer.readPasted(text))}
          onSelection={
            importer.readSelection ? () => void load(importer.readSelection!) : undefined
          }
        />
      )}

      {stage.step === "map" && (
        <MapStep
          importer={importer}
          stage={stage}
          busy={busy}
          setStage={setStage}
          onSheet={(sheet) =>
            fileRef.current && void load(() => importer.readFile(fileRef.current!, sheet))
          }
          onDecimal={(decimal) => onDecimal(stage, decimal)}
          onCheck={() => void check(stage)}
          onWrite={(onlyValid, total) => void write(stage, onlyValid, total)}
          onCancel={restart}
        />
      )}

      {stage.step === "writing" && (
        <WritingProgress
          written={stage.written}
          total={stage.total}
          onCancel={() => abortRef.current?.abort()}
        />
      )}

      {stage.step === "done" && (
        <ResultStep
          summary={stage.summary}
          cancelled={stage.cancelled}
          onFinish={stage.retry}
          onUndo={importer.undoLastWrite}
          onDone={restart}
        />
      )}
    </div>
  );
}

/**
 * The mapping stage: the source's preview, its mapping (or metrics) and defaults, and, once checked,
 * the check's result. What is required comes from the importer (the field table's rules).
 */
function MapStep(props: {
  importer: ImportActions;
  stage: MapStage;
  busy: boolean;
  setStage: (stage: MapStage) => void;
  onSheet: (sheet: string) => void;
  onDecimal: (decimal: DecimalMark) => void;
  onCheck: () => void;
  onWrite: (onlyValidRows: boolean, total: number) => void;
  onCancel: () => void;
}) {
  const { importer, stage, setStage } = props;
  const stack = useStackStyles();
  const { source, mapping, defaults, validation } = stage;
  const wide = source.layout === "wide";
  const wideMetrics = stage.wideMetrics ?? [];

  if (source.rowCount === 0 && (source.readProblems?.length ?? 0) > 0) {
    return (
      <section aria-labelledby="import-unreadable" className={stack.stack}>
        <Subtitle2 as="h2" id="import-unreadable">
          {source.label} could not be read
        </Subtitle2>
        <ProblemList problems={source.readProblems ?? []} />
        <div>
          <Button onClick={props.onCancel}>Choose another source</Button>
        </div>
      </section>
    );
  }

  // What the field table still requires (the validator's own rules and messages), and the marks:
  // what would be required if left unmapped (fields) or left blank (defaults).
  const missing = importer.requirements(source, { mapping, defaults });
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

  return (
    <>
      <SourcePreview
        source={source}
        values={stage.values}
        decimal={stage.decimal}
        onDecimal={props.onDecimal}
        onSheet={props.onSheet}
      />
      <MapColumnsStep
        headers={source.headers}
        fields={importer.fields}
        mapping={mapping}
        onMapping={(next) => setStage({ ...stage, mapping: next, validation: undefined })}
        requiredFields={requiredFields}
        defaults={defaults}
        onDefaults={(next) => setStage({ ...stage, defaults: next, validation: undefined })}
        requiredDefaults={requiredDefaults}
        missing={missing}
        metrics={
          wide ? (
            <WideMetricsStep
              metrics={wideMetrics}
              units={importer.units}
              directions={importer.directions}
              onMetrics={(next) => setStage({ ...stage, wideMetrics: next, validation: undefined })}
            />
          ) : undefined
        }
        blocked={unconfirmed.length > 0}
        busy={props.busy}
        onCheck={props.onCheck}
        onCancel={props.onCancel}
      />
      {validation && (
        <PreviewStep
          validation={validation}
          preview={stage.preview}
          onConflict={stage.onConflict}
          setOnConflict={(onConflict) => setStage({ ...stage, onConflict })}
          onWrite={props.onWrite}
          onCancel={props.onCancel}
        />
      )}
    </>
  );
}
