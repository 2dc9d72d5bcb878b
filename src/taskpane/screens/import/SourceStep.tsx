/** Step 1: choose the source (a file, a pasted table or the selected range). */
import React, { useId, useState } from "react";
import {
  Body1,
  Button,
  Field,
  Label,
  Spinner,
  Subtitle2,
  Textarea,
} from "@fluentui/react-components";
import { useStackStyles } from "../../components/common";
import { useImportStyles } from "./styles";

export interface SourceStepProps {
  busy: boolean;
  onFile: (file: File) => void;
  onPasted: (text: string) => void;
  /** Absent when the workbook selection cannot be read. */
  onSelection?: () => void;
}

export function SourceStep({ busy, onFile, onPasted, onSelection }: SourceStepProps) {
  const fileInputId = useId();
  const stack = useStackStyles();
  const styles = useImportStyles();
  const [pasted, setPasted] = useState("");
  return (
    <>
      <Body1>
        Bring your own sources: an association survey, a public dataset, last year&apos;s figures.
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
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) onFile(file);
            }}
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
          <Button disabled={busy || pasted.trim() === ""} onClick={() => onPasted(pasted)}>
            Use pasted table
          </Button>
        </div>
      </section>
      {onSelection && (
        <section aria-labelledby="import-selection" className={stack.stack}>
          <Subtitle2 as="h2" id="import-selection">
            Or use the selected range
          </Subtitle2>
          <div>
            <Button disabled={busy} onClick={onSelection}>
              Use the selected range
            </Button>
          </div>
        </section>
      )}
      {busy && <Spinner size="small" label="Reading…" />}
    </>
  );
}
