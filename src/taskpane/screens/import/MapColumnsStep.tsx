/**
 * Step 2: which column feeds which field (a long table) or the metrics (a wide table, `metrics`), the
 * values for every row, and what the field table still requires before the rows can be checked.
 */
import React from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Spinner,
  Subtitle2,
} from "@fluentui/react-components";
import type {
  ColumnMapping,
  ImportDefaults,
  ImportField,
  ImportRequirement,
} from "../../paneActions";
import { useStackStyles } from "../../components/common";
import { assignColumn, fieldOfColumn } from "./columnMapping";

export interface MapColumnsStepProps {
  headers: readonly string[];
  fields: readonly ImportField[];
  mapping: ColumnMapping;
  onMapping: (mapping: ColumnMapping) => void;
  /** Fields that would be required if no column fed them (marked in the lists). */
  requiredFields: ReadonlySet<string>;
  defaults: ImportDefaults;
  onDefaults: (defaults: ImportDefaults) => void;
  /** Default fields that must be filled because no column gives them. */
  requiredDefaults: ReadonlySet<string>;
  /** What the field table still requires (the validator's messages). */
  missing: readonly ImportRequirement[];
  /** A wide table's metric confirmation, shown instead of the column lists. */
  metrics?: React.ReactNode;
  /** Something else (unconfirmed metrics) still stops the check. */
  blocked: boolean;
  busy: boolean;
  onCheck: () => void;
  onCancel: () => void;
}

export function MapColumnsStep(props: MapColumnsStepProps) {
  const { headers, fields, mapping, onMapping, requiredFields, missing, metrics } = props;
  const stack = useStackStyles();
  return (
    <section aria-labelledby="import-mapping" className={stack.stack}>
      <Subtitle2 as="h2" id="import-mapping">
        {metrics ? "Metrics (one per column)" : "Columns"}
      </Subtitle2>
      {metrics ?? (
        <>
          <Caption1>Suggested from the headers; change any that are wrong.</Caption1>
          {headers.map((header, index) => (
            <Field key={index} label={`Column “${header || `#${index + 1}`}” holds`}>
              <Select
                value={fieldOfColumn(mapping, header)}
                onChange={(_, data) => onMapping(assignColumn(mapping, header, data.value))}
              >
                <option value="">Not imported</option>
                {fields.map((field) => (
                  <option key={field.key} value={field.key}>
                    {field.label}
                    {requiredFields.has(field.key) ? " (required)" : ""}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        </>
      )}
      <DefaultFields
        defaults={props.defaults}
        onDefaults={props.onDefaults}
        required={props.requiredDefaults}
      />
      {missing.length > 0 && (
        <div role="status">
          <Body1>
            Still to map:{" "}
            {missing.map((r) => (r.byDefault ? `${r.label} (type it below)` : r.label)).join(", ")}.
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
          disabled={props.busy || missing.length > 0 || props.blocked}
          onClick={props.onCheck}
        >
          Check the rows
        </Button>
        <Button onClick={props.onCancel}>Cancel</Button>
      </div>
      {props.busy && <Spinner size="small" label="Checking…" />}
    </section>
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
