/** Step 4: progress while writing, then the summary, or the failure report with finish / undo. */
import React, { useState } from "react";
import { Body1, Button, Field, ProgressBar, Subtitle2 } from "@fluentui/react-components";
import type { ImportSummary } from "../../paneActions";
import { SuccessBar, useStackStyles } from "../../components/common";

export function WritingProgress(props: { written: number; total: number; onCancel: () => void }) {
  const { written, total, onCancel } = props;
  const stack = useStackStyles();
  return (
    <section aria-label="Import progress" className={stack.stack}>
      <Field
        label="Writing to the reference sheet"
        validationState="none"
        validationMessage={`${written.toLocaleString()} of ${total.toLocaleString()} rows written`}
      >
        <ProgressBar value={total > 0 ? written / total : 0} max={1} />
      </Field>
      <div>
        <Button onClick={onCancel}>Cancel import</Button>
      </div>
    </section>
  );
}

export interface ResultStepProps {
  summary: ImportSummary;
  cancelled: boolean;
  /** Writes the same rows again (after a failure: finishes the import). */
  onFinish?: () => void;
  onUndo?: () => Promise<{ removed: number; restored: number }>;
  onDone: () => void;
}

export function ResultStep({ summary, cancelled, onFinish, onUndo, onDone }: ResultStepProps) {
  if (summary.failure)
    return <FailureReport summary={summary} onFinish={onFinish} onUndo={onUndo} onDone={onDone} />;
  return (
    <>
      <SuccessBar>
        {cancelled ? "Import stopped. " : "Import finished. "}
        <span data-testid="import-summary">
          {summary.added.toLocaleString()} added, {summary.updated.toLocaleString()} updated,{" "}
          {summary.unchanged ? `${summary.unchanged.toLocaleString()} unchanged, ` : ""}
          {summary.skipped.toLocaleString()} skipped
        </span>{" "}
        in the sheet {summary.sheetName}.
      </SuccessBar>
      <div>
        <Button onClick={onDone}>Import another source</Button>
      </div>
    </>
  );
}

/** A write that stopped part-way: what was written, and finish or undo. */
function FailureReport(props: Omit<ResultStepProps, "cancelled">) {
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
