/** A library entry's spread as a small chart, with an optional field for the user's own figure to mark on it. */
import React, { useId, useState } from "react";
import { Field, Input } from "@fluentui/react-components";
import { DistributionBar } from "./DistributionBar";

export interface MetricSpreadProps {
  label: string;
  unit: string;
  direction: "higher" | "lower";
  statistics: Partial<Record<string, number>>;
  format: (value: number) => string;
}

/** The user's figure as typed ("35", "35 %", "0,35"); percentages typed as percent, stored as fractions. */
export function parseOwnFigure(text: string, unit: string): number | undefined {
  const cleaned = text.trim().replace(/\s/g, "").replace(",", ".").replace(/%$/, "");
  if (cleaned === "") return undefined;
  const figure = Number(cleaned);
  if (!Number.isFinite(figure)) return undefined;
  return unit === "%" ? figure / 100 : figure;
}

export function MetricSpread({ label, unit, direction, statistics, format }: MetricSpreadProps) {
  const [text, setText] = useState("");
  const id = useId();
  const value = parseOwnFigure(text, unit);
  const invalid = text.trim() !== "" && value === undefined;
  return (
    <>
      <DistributionBar
        label={label}
        direction={direction}
        statistics={statistics}
        format={format}
        value={value}
      />
      <Field
        label={`Your figure${unit === "%" ? " (%)" : unit ? ` (${unit})` : ""}`}
        size="small"
        validationState={invalid ? "error" : "none"}
        validationMessage={invalid ? "Type a number, e.g. 35." : undefined}
      >
        <Input
          id={id}
          size="small"
          inputMode="decimal"
          value={text}
          onChange={(_, data) => setText(data.value)}
        />
      </Field>
    </>
  );
}
