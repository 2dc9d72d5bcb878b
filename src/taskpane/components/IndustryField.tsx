/**
 * Industry field: free text with the active library's industries as suggestions. What the user types
 * is resolved as the functions resolve it (singular/plural, aliases, NAICS codes): a library industry
 * is passed on under the library's name, anything else as the user's own industry, with a note
 * saying which and naming the closest library industries.
 */
import React, { useEffect, useId, useMemo, useRef, useState } from "react";
import { Field, Input } from "@fluentui/react-components";
import type { LibraryActions } from "../paneActions";
import { resolveIndustryName, type IndustryResolution } from "../../reference/industryNames";

export interface IndustryFieldProps {
  label: string;
  value: string;
  /** The library's name when the text names a library industry, else the text as typed. */
  onChange: (industry: string) => void;
  industries?: Pick<LibraryActions, "industries">;
  hint?: string;
  /** An error to show (e.g. "Choose your industry first"). */
  required?: string;
}

function resolvedName(resolution: IndustryResolution): string {
  return resolution.name ?? resolution.input;
}

export function IndustryField({
  label,
  value,
  onChange,
  industries,
  hint,
  required,
}: IndustryFieldProps) {
  const [names, setNames] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [text, setText] = useState(value);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // Asked for (e.g. before inserting templates): take the user to the field.
  useEffect(() => {
    if (required) inputRef.current?.focus();
  }, [required]);
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

  const resolution = useMemo(
    () => (names && text.trim() ? resolveIndustryName(text, names) : undefined),
    [names, text]
  );
  // A new value from outside (saved defaults) replaces the text unless the text already stands for it.
  useEffect(() => {
    setText((typed) =>
      (names && typed.trim() ? resolvedName(resolveIndustryName(typed, names)) : typed.trim()) ===
      value
        ? typed
        : value
    );
  }, [value, names]);

  function change(typed: string) {
    setText(typed);
    const next = names && typed.trim() ? resolvedName(resolveIndustryName(typed, names)) : typed;
    onChange(next.trim());
  }

  const note = error ?? required ?? resolution?.note ?? "";
  const state = required ? "error" : error ? "warning" : "none";
  return (
    <>
      <Field
        label={label}
        hint={hint ?? (names ? "Choose from the list or type your own." : undefined)}
        validationMessage={note || undefined}
        validationState={state}
      >
        <Input
          ref={inputRef}
          value={text}
          list={names ? listId : undefined}
          autoComplete="off"
          onChange={(_, data) => change(data.value)}
        />
      </Field>
      {names && (
        <datalist id={listId}>
          {names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
    </>
  );
}
