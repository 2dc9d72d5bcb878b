/** New benchmark workbook: choose the industry and templates (all pre-ticked), insert into new sheets. */
import React, { useEffect, useMemo, useState } from "react";
import {
  Body1,
  Button,
  Checkbox,
  Field,
  Input,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type {
  LibraryActions,
  PaneActions,
  PaneSettings,
  TemplateActions,
  TemplateChoice,
} from "../paneActions";
import { ErrorBar, ScreenTitle, SuccessBar, useStackStyles } from "../components/common";
import { IndustryField } from "../components/IndustryField";
import { percentSlipWarning } from "../percentSlip";
import { parsePercent } from "./StartScreen";
import { RoiPreviewChart } from "../components/RoiPreviewChart";
import type { RoiPreview, RoiPreviewSettings } from "../adapters/roiPreview";

/** The ROI sheet's figures for the inputs on screen (the business case and its seeded Monte Carlo). */
export type RoiPreviewSource = (
  industry: string,
  settings: RoiPreviewSettings
) => Promise<RoiPreview>;

/** The model, the library and the simulation load with the first preview, not with the screen. */
const activeRoiPreview: RoiPreviewSource = async (industry, settings) =>
  (await import(/* webpackChunkName: "roi-preview" */ "../adapters/roiPreview")).activeRoiPreview(
    industry,
    settings
  );

/** Typing settles before the 10,000-trial simulation reruns. */
const PREVIEW_DELAY_MS = 250;

function useRoiPreview(
  source: RoiPreviewSource,
  industry: string,
  rate: number | undefined,
  horizon: number | undefined
): RoiPreview | undefined {
  const [preview, setPreview] = useState<RoiPreview>();
  useEffect(() => {
    if (rate === undefined || horizon === undefined) return;
    let current = true;
    const timer = setTimeout(() => {
      source(industry.trim(), { discountRate: rate, horizon }).then(
        (next) => current && setPreview(next),
        () => current && setPreview(undefined)
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [source, industry, rate, horizon]);
  return rate === undefined || horizon === undefined ? undefined : preview;
}

/** The ROI horizon as typed: a whole number of years from 1 to 10, else undefined. */
export function parseHorizon(text: string): number | undefined {
  const years = Number(text.trim());
  return Number.isInteger(years) && years >= 1 && years <= 10 ? years : undefined;
}

const useStyles = makeStyles({
  fieldset: {
    border: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  legend: {
    padding: 0,
    fontWeight: tokens.fontWeightSemibold,
    marginBottom: tokens.spacingVerticalXS,
  },
  description: { display: "block", color: tokens.colorNeutralForeground2 },
});

/** Whole amounts in the user's currency; a code Intl does not know is shown after the number. */
function moneyFormat(currency: string): (value: number) => string {
  try {
    const format = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      maximumFractionDigits: 0,
    });
    return (value) => format.format(value);
  } catch {
    const format = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
    return (value) => `${format.format(value)} ${currency}`;
  }
}

export const INDUSTRY_FIRST =
  "Choose or type your industry first: the templates compare your figures with it.";

export interface NewWorkbookScreenProps {
  templates: TemplateActions;
  industries?: Pick<LibraryActions, "industries">;
  activateSheet: PaneActions["activateSheet"];
  settings: PaneSettings;
  /** Where the ROI preview's figures come from (the active library and src/core by default). */
  roiPreview?: RoiPreviewSource;
}

export default function NewWorkbookScreen({
  templates,
  industries,
  activateSheet,
  settings,
  roiPreview = activeRoiPreview,
}: NewWorkbookScreenProps) {
  const stack = useStackStyles();
  const styles = useStyles();
  const [choices, setChoices] = useState<TemplateChoice[]>();
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [industry, setIndustry] = useState(settings.industry);
  const [rateText, setRateText] = useState(String(Math.round(settings.discountRate * 1e8) / 1e6));
  const [horizonText, setHorizonText] = useState(String(settings.horizon));
  const rate = parsePercent(rateText);
  const horizon = parseHorizon(horizonText);
  const slip = percentSlipWarning(rateText);
  const [busy, setBusy] = useState(false);
  const [askIndustry, setAskIndustry] = useState(false);
  const [created, setCreated] = useState<string[]>();
  const [error, setError] = useState<unknown>();
  const preview = useRoiPreview(roiPreview, industry, rate, horizon);
  const money = useMemo(() => moneyFormat(settings.currency), [settings.currency]);

  useEffect(() => {
    let current = true;
    templates.list().then(
      (list) => {
        if (!current) return;
        setChoices(list);
        setTicked(new Set(list.map((choice) => choice.id)));
      },
      (caught: unknown) => current && setError(caught)
    );
    return () => {
      current = false;
    };
  }, [templates]);

  function toggle(id: string, on: boolean) {
    setTicked((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function insert() {
    if (!choices || rate === undefined || horizon === undefined) return;
    // The gap analysis and scorecard compare against the industry: without it they fill with errors.
    if (!industry.trim()) {
      setAskIndustry(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    setCreated(undefined);
    try {
      const ids = choices.filter((choice) => ticked.has(choice.id)).map((choice) => choice.id);
      const { sheetNames } = await templates.insert(ids, industry, {
        ...settings,
        discountRate: rate,
        horizon,
      });
      if (sheetNames.length > 0) await activateSheet(sheetNames[0]);
      setCreated(sheetNames);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={stack.stack}>
      <ScreenTitle>New benchmark workbook</ScreenTitle>
      <Body1>Adds new sheets to this workbook; existing sheets are never changed.</Body1>
      <IndustryField
        label="Your industry"
        value={industry}
        onChange={setIndustry}
        industries={industries}
        required={askIndustry && !industry.trim() ? INDUSTRY_FIRST : undefined}
      />
      <Field
        label="Discount rate for the ROI sheet (% per year)"
        validationState={rate === undefined ? "error" : slip ? "warning" : "none"}
        validationMessage={rate === undefined ? "Enter a rate such as 8 for 8 %." : slip}
      >
        <Input
          inputMode="decimal"
          value={rateText}
          contentAfter="%"
          onChange={(_, data) => setRateText(data.value)}
        />
      </Field>
      <Field
        label="ROI horizon (years, 1 to 10)"
        hint="The ROI sheet gets one column per year; to change it later, insert the sheet again."
        validationState={horizon === undefined ? "error" : "none"}
        validationMessage={
          horizon === undefined ? "Enter a whole number of years from 1 to 10." : undefined
        }
      >
        <Input
          inputMode="numeric"
          value={horizonText}
          onChange={(_, data) => setHorizonText(data.value)}
        />
      </Field>
      <Body1>Money formats use your currency ({settings.currency}), set on the start screen.</Body1>
      {preview && (!choices || ticked.has("roi")) && (
        <RoiPreviewChart preview={preview} money={money} />
      )}
      {!choices && !error && <Spinner size="small" label="Loading templates…" />}
      {choices && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Templates</legend>
          {choices.map((choice) => (
            <Checkbox
              key={choice.id}
              checked={ticked.has(choice.id)}
              onChange={(_, data) => toggle(choice.id, data.checked === true)}
              label={
                <span>
                  {choice.title}
                  <span className={styles.description}>{choice.description}</span>
                </span>
              }
            />
          ))}
        </fieldset>
      )}
      <div>
        <Button
          appearance="primary"
          disabled={
            !choices || ticked.size === 0 || busy || rate === undefined || horizon === undefined
          }
          onClick={insert}
        >
          {busy ? "Inserting…" : "Insert selected templates"}
        </Button>
      </div>
      {busy && <Spinner size="small" label="Drawing the templates into new sheets…" />}
      {created && (
        <SuccessBar>
          Added {created.length === 1 ? "sheet" : "sheets"}:{" "}
          <span data-testid="created-sheets">{created.join(", ")}</span>. The first one is now
          active.
        </SuccessBar>
      )}
      <ErrorBar error={error} title="The templates were not inserted" />
    </div>
  );
}
