/** Industry picker: a list from the active library when there is one, free text otherwise. */
import React, { useEffect, useId, useState } from "react";
import { Field, Input, Select } from "@fluentui/react-components";
import type { LibraryActions } from "../paneActions";

export interface IndustryFieldProps {
  label: string;
  value: string;
  onChange: (industry: string) => void;
  industries?: Pick<LibraryActions, "industries">;
  hint?: string;
}

export function IndustryField({ label, value, onChange, industries, hint }: IndustryFieldProps) {
  const [names, setNames] = useState<string[]>();
  const [error, setError] = useState<string>();
  const id = useId();
  useEffect(() => {
    if (!industries) return;
    let current = true;
    industries.industries().then(
      (list) => current && setNames(list),
      () => current && setError("The industry list could not be read; type the industry instead.")
    );
    return () => {
      current = false;
    };
  }, [industries]);

  if (names && names.length > 0) {
    const options = value && !names.includes(value) ? [value, ...names] : names;
    return (
      <Field label={label} hint={hint}>
        <Select id={id} value={value} onChange={(_, data) => onChange(data.value)}>
          <option value="">Choose an industry…</option>
          {options.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  return (
    <Field
      label={label}
      hint={hint}
      validationMessage={error}
      validationState={error ? "warning" : "none"}
    >
      <Input id={id} value={value} onChange={(_, data) => onChange(data.value)} />
    </Field>
  );
}
