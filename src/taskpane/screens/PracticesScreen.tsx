/**
 * Explore practices from other industries: the user's industry and challenge (suggested or free text)
 * give matching practices with their source industry, lesson, metrics moved, effort and a quick fit
 * estimate; chosen ones go into the fit scorecard sheet.
 */
import React, { useEffect, useId, useState } from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Spinner,
  Subtitle2,
} from "@fluentui/react-components";
import type { LibraryActions, PaneSettings, PracticeActions, PracticeMatch } from "../paneActions";
import { ErrorBar, ScreenTitle, SuccessBar, useStackStyles } from "../components/common";
import { IndustryField } from "../components/IndustryField";
import { FitPartsBar } from "../components/FitPartsBar";

export interface PracticesScreenProps {
  practices: PracticeActions;
  industries?: Pick<LibraryActions, "industries">;
  settings: PaneSettings;
}

const EFFORT_COLOR = { low: "success", medium: "warning", high: "danger" } as const;

export default function PracticesScreen({ practices, industries, settings }: PracticesScreenProps) {
  const stack = useStackStyles();
  const suggestionsId = useId();
  const [industry, setIndustry] = useState(settings.industry);
  const [challenge, setChallenge] = useState("");
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [matches, setMatches] = useState<PracticeMatch[]>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<{ sheetName: string; added: number }>();
  const [error, setError] = useState<unknown>();
  const illustrativeNote = matches?.some((m) =>
    m.fitParts.some((p) => /illustrative/.test(p.basis))
  )
    ? ", illustrative until you import your own"
    : "";

  useEffect(() => {
    let current = true;
    practices.challenges().then(
      (list) => current && setSuggestions(list),
      () => undefined // suggestions are a convenience; free text still works
    );
    return () => {
      current = false;
    };
  }, [practices]);

  async function find(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setAdded(undefined);
    try {
      const found = await practices.find(industry, challenge);
      setMatches(found);
      setChosen(new Set());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function addToScorecard() {
    setBusy(true);
    setError(undefined);
    try {
      setAdded(await practices.addToScorecard([...chosen], industry));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function toggle(id: string, on: boolean) {
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <div className={stack.stack}>
      <ScreenTitle>Practices from other industries</ScreenTitle>
      <form className={stack.stack} onSubmit={find} aria-label="Find practices">
        <IndustryField
          label="Your industry"
          value={industry}
          onChange={setIndustry}
          industries={industries}
        />
        <Field
          label="Your challenge"
          hint="For example customer loyalty, delivery or inventory. Free text is fine."
        >
          <Input
            value={challenge}
            onChange={(_, data) => setChallenge(data.value)}
            list={suggestionsId}
          />
        </Field>
        <datalist id={suggestionsId}>
          {suggestions.map((text) => (
            <option key={text} value={text} />
          ))}
        </datalist>
        <div>
          <Button type="submit" appearance="primary" disabled={busy}>
            Find practices
          </Button>
        </div>
      </form>
      {busy && <Spinner size="small" label="Working…" />}
      <ErrorBar error={error} />
      {matches && (
        <section aria-label="Matching practices" className={stack.stack}>
          <Body1 role="status">
            {matches.length === 0
              ? "No practice matches; try a broader challenge or leave it empty."
              : `${matches.length} matching ${matches.length === 1 ? "practice" : "practices"}, best answer to your words first, then best fit. The fit estimate is a first sort: problem match, industry proximity (from the reference figures${illustrativeNote}) and resource fit.`}
          </Body1>
          <ul className={stack.list}>
            {matches.map((match) => (
              <li key={match.id} className={stack.card}>
                <Subtitle2 as="h2">{match.practice}</Subtitle2>
                <Caption1>
                  From {match.sourceIndustry} · answers: {match.challenge}
                </Caption1>
                <Body1>{match.lesson}</Body1>
                <Caption1>Moves: {match.metricsMoved.join(", ")}</Caption1>
                <div className={stack.row}>
                  <Badge appearance="tint" color={EFFORT_COLOR[match.effort]}>
                    {`${match.effort} effort`}
                  </Badge>
                  <Badge
                    appearance="tint"
                    color="brand"
                  >{`fit ≈ ${Math.round(match.fitEstimate)} / 100`}</Badge>
                </div>
                <FitPartsBar
                  practice={match.practice}
                  estimate={match.fitEstimate}
                  parts={match.fitParts}
                />
                <Checkbox
                  checked={chosen.has(match.id)}
                  disabled={!chosen.has(match.id) && chosen.size >= practices.scorecardCapacity}
                  onChange={(_, data) => toggle(match.id, data.checked === true)}
                  label={`Add “${match.practice}” to the scorecard`}
                />
              </li>
            ))}
          </ul>
          {matches.length > 0 && (
            <Caption1 role="status">
              {chosen.size} of at most {practices.scorecardCapacity} ticked for the scorecard.
            </Caption1>
          )}
          {matches.length > 0 && (
            <div>
              <Button
                appearance="primary"
                disabled={busy || chosen.size === 0}
                onClick={addToScorecard}
              >
                Add {chosen.size > 0 ? chosen.size : ""} to fit scorecard
              </Button>
            </div>
          )}
        </section>
      )}
      {added && (
        <SuccessBar>
          Added {added.added} {added.added === 1 ? "practice" : "practices"} to the sheet{" "}
          {added.sheetName}. Rate them 1–5 there to get each fit score.
        </SuccessBar>
      )}
    </div>
  );
}
