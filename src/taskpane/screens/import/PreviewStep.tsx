/**
 * Step 3: the check's result (valid rows, problems), what writing would change (added / changed with
 * old -> new, unit changes flagged / unchanged) with the keep-or-replace choice, and the import buttons.
 */
import React from "react";
import { Body1, Button, Caption1, Radio, RadioGroup, Subtitle2 } from "@fluentui/react-components";
import type { ConflictChoice, ImportPreview, ImportValidation } from "../../paneActions";
import { useStackStyles } from "../../components/common";
import { ProblemList } from "./ProblemList";
import { PROBLEMS_SHOWN, useImportStyles } from "./styles";

export interface PreviewStepProps {
  validation: ImportValidation;
  preview?: ImportPreview;
  onConflict: ConflictChoice;
  setOnConflict: (choice: ConflictChoice) => void;
  onWrite: (onlyValidRows: boolean, total: number) => void;
  onCancel: () => void;
}

export function PreviewStep(props: PreviewStepProps) {
  const { validation, preview, onWrite, onCancel } = props;
  const stack = useStackStyles();
  return (
    <section aria-labelledby="import-report" className={stack.stack}>
      <Subtitle2 as="h2" id="import-report">
        Check result
      </Subtitle2>
      <Body1 role="status" data-testid="validation-summary">
        {validation.validRows.toLocaleString()} valid rows,{" "}
        {validation.invalidRows.toLocaleString()} with problems.
      </Body1>
      {validation.problems.length > 0 && <ProblemList problems={validation.problems} />}
      {preview && (
        <PreviewReport
          preview={preview}
          onConflict={props.onConflict}
          setOnConflict={props.setOnConflict}
        />
      )}
      {validation.problems.length > PROBLEMS_SHOWN && (
        <Caption1>
          {(validation.problems.length - PROBLEMS_SHOWN).toLocaleString()} more problems not shown;
          fix these first.
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
  );
}

function PreviewReport(props: {
  preview: ImportPreview;
  onConflict: ConflictChoice;
  setOnConflict: (choice: ConflictChoice) => void;
}) {
  const { preview, onConflict, setOnConflict } = props;
  const styles = useImportStyles();
  return (
    <section aria-label="What the import will change">
      <Body1 data-testid="import-preview">
        {preview.added.toLocaleString()} new, {preview.changed.length.toLocaleString()} already in
        the workbook with other figures, {preview.unchanged.toLocaleString()} unchanged.
      </Body1>
      {preview.changed.length > 0 && (
        <>
          <ol className={styles.problems} aria-label="Rows with other figures in the workbook">
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
