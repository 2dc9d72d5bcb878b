/** Start: what Crossbench does, the user's defaults (kept in the workbook) and the four actions. */
import React, { useState } from "react";
import {
  Body1,
  Button,
  Field,
  Input,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PaneActions, PaneSettings, TargetPercentile } from "../paneActions";
import { ErrorBar, ScreenTitle, SuccessBar, useStackStyles } from "../components/common";
import { IndustryField } from "../components/IndustryField";

export type ScreenId =
  "start" | "workbook" | "import" | "practices" | "library" | "explain" | "selfcheck";

const TARGET_LABELS: Record<TargetPercentile, string> = {
  median: "Median (typical)",
  p75: "Top quarter (p75)",
  p90: "Top tenth (p90)",
};

const useStyles = makeStyles({
  actions: {
    display: "grid",
    gridTemplateColumns: "1fr",
    gap: tokens.spacingVerticalS,
  },
  actionButton: {
    justifyContent: "flex-start",
    textAlign: "start",
  },
});

export interface StartScreenProps {
  actions: PaneActions;
  settings: PaneSettings;
  onSave: (settings: PaneSettings) => Promise<void>;
  onOpen: (screen: ScreenId) => void;
}

/** Discount rate as the user types it (percent) to the stored fraction; undefined when not a sensible rate. */
export function parsePercent(text: string): number | undefined {
  const normalised = text.trim().replace(",", ".").replace(/%$/, "").trim();
  if (normalised === "") return undefined;
  const percent = Number(normalised);
  if (!Number.isFinite(percent) || percent <= -100 || percent >= 1000) return undefined;
  return Math.round(percent * 1e6) / 1e8;
}

function formatPercent(fraction: number): string {
  return String(Math.round(fraction * 1e8) / 1e6);
}

export function StartScreen({ actions, settings, onSave, onOpen }: StartScreenProps) {
  const stack = useStackStyles();
  const styles = useStyles();
  const [industry, setIndustry] = useState(settings.industry);
  const [rateText, setRateText] = useState(formatPercent(settings.discountRate));
  const [currency, setCurrency] = useState(settings.currency);
  const [target, setTarget] = useState<TargetPercentile>(settings.targetPercentile);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();

  const rate = parsePercent(rateText);
  const currencyValid = /^[A-Za-z]{3}$/.test(currency.trim());

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (rate === undefined || !currencyValid) return;
    setSaving(true);
    setSaved(false);
    setError(undefined);
    try {
      await onSave({
        industry,
        discountRate: rate,
        currency: currency.trim().toUpperCase(),
        targetPercentile: target,
      });
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  const edited = () => setSaved(false);

  return (
    <div className={stack.stack}>
      <ScreenTitle>Crossbench</ScreenTitle>
      <Body1>
        Compare your business with your industry and learn from others. Crossbench puts reference
        metrics, ROI and fit scores into your workbook as formulas you can check.
      </Body1>

      <section aria-labelledby="start-actions" className={stack.stack}>
        <Subtitle2 as="h2" id="start-actions">
          What do you want to do?
        </Subtitle2>
        <div className={styles.actions}>
          {actions.templates && (
            <Button
              className={styles.actionButton}
              appearance="primary"
              onClick={() => onOpen("workbook")}
            >
              New benchmark workbook
            </Button>
          )}
          {actions.importer && (
            <Button className={styles.actionButton} onClick={() => onOpen("import")}>
              Import reference metrics
            </Button>
          )}
          {actions.practices && (
            <Button className={styles.actionButton} onClick={() => onOpen("practices")}>
              Explore practices from other industries
            </Button>
          )}
          {(actions.library || actions.functions) && (
            <Button className={styles.actionButton} onClick={() => onOpen("library")}>
              Library and functions
            </Button>
          )}
          {actions.explainCell && (
            <Button className={styles.actionButton} onClick={() => onOpen("explain")}>
              Explain this cell
            </Button>
          )}
          {actions.selfCheck && (
            <Button className={styles.actionButton} onClick={() => onOpen("selfcheck")}>
              Check this installation
            </Button>
          )}
        </div>
      </section>

      <form aria-labelledby="start-defaults" className={stack.stack} onSubmit={save}>
        <Subtitle2 as="h2" id="start-defaults">
          Your defaults (saved in this workbook)
        </Subtitle2>
        <IndustryField
          label="Your industry"
          value={industry}
          industries={actions.library}
          onChange={(value) => {
            setIndustry(value);
            edited();
          }}
        />
        <Field
          label="Discount rate (% per year)"
          validationState={rate === undefined ? "error" : "none"}
          validationMessage={rate === undefined ? "Enter a rate such as 8 for 8 %." : undefined}
        >
          <Input
            inputMode="decimal"
            value={rateText}
            contentAfter="%"
            onChange={(_, data) => {
              setRateText(data.value);
              edited();
            }}
          />
        </Field>
        <Field
          label="Currency (ISO code)"
          validationState={currencyValid ? "none" : "error"}
          validationMessage={
            currencyValid ? undefined : "Enter a three-letter code such as USD or EUR."
          }
        >
          <Input
            value={currency}
            maxLength={3}
            onChange={(_, data) => {
              setCurrency(data.value);
              edited();
            }}
          />
        </Field>
        <Field label="Target performance level">
          <Select
            value={target}
            onChange={(_, data) => {
              setTarget(data.value as TargetPercentile);
              edited();
            }}
          >
            {(Object.keys(TARGET_LABELS) as TargetPercentile[]).map((key) => (
              <option key={key} value={key}>
                {TARGET_LABELS[key]}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <Button type="submit" disabled={saving || rate === undefined || !currencyValid}>
            {saving ? "Saving…" : "Save defaults"}
          </Button>
        </div>
        {saved && <SuccessBar>Defaults saved in this workbook.</SuccessBar>}
        <ErrorBar error={error} title="The defaults were not saved" />
      </form>
    </div>
  );
}
