/** A wide table's metrics (one per column): the user confirms each unit and direction. */
import React from "react";
import { Button, Caption1, Field, Select } from "@fluentui/react-components";
import type { WideMetricChoice } from "../../paneActions";
import { useStackStyles } from "../../components/common";
import { useImportStyles } from "./styles";

export interface WideMetricsStepProps {
  metrics: readonly WideMetricChoice[];
  units?: readonly string[];
  directions?: readonly string[];
  onMetrics: (metrics: WideMetricChoice[]) => void;
}

export function WideMetricsStep({ metrics, units, directions, onMetrics }: WideMetricsStepProps) {
  const stack = useStackStyles();
  const styles = useImportStyles();
  const unconfirmed = metrics.filter((metric) => metric.needsConfirmation);
  const update = (index: number, change: Partial<WideMetricChoice>) =>
    onMetrics(
      metrics.map((metric, i) =>
        i === index ? { ...metric, ...change, needsConfirmation: false } : metric
      )
    );
  return (
    <>
      <Caption1>
        Rows are industries and columns are metrics. Confirm each metric&apos;s unit and which way
        is better.
      </Caption1>
      {metrics.map((metric, index) => (
        <fieldset key={metric.column} className={styles.wideMetric}>
          <legend className={styles.wideLegend}>{metric.metric}</legend>
          <Caption1>{metric.reason}</Caption1>
          <div className={stack.row}>
            <Field label="Unit">
              <Select
                value={metric.unit}
                onChange={(_, data) => update(index, { unit: data.value })}
              >
                {(units ?? [metric.unit]).map((unit) => (
                  <option key={unit}>{unit}</option>
                ))}
              </Select>
            </Field>
            <Field label="Better when">
              <Select
                value={metric.direction}
                onChange={(_, data) => update(index, { direction: data.value })}
              >
                {(directions ?? [metric.direction]).map((direction) => (
                  <option key={direction}>{direction}</option>
                ))}
              </Select>
            </Field>
          </div>
        </fieldset>
      ))}
      {unconfirmed.length > 0 && (
        <div>
          <Button
            onClick={() =>
              onMetrics(metrics.map((metric) => ({ ...metric, needsConfirmation: false })))
            }
          >
            Confirm{" "}
            {unconfirmed.length === metrics.length ? "all" : `the other ${unconfirmed.length}`} as
            shown
          </Button>
        </div>
      )}
    </>
  );
}
