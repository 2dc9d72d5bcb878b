/**
 * Explain this cell: why the active cell's BENCH formula shows what it shows — the value and what it
 * means, or the error with its full reason (which Excel drops on #NUM! and #DIV/0!) and what to change.
 */
import React, { useState } from "react";
import { Body1, Button, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { CellExplanation } from "../paneActions";
import { ErrorBar, ScreenTitle, useStackStyles } from "../components/common";
import { CopyableText } from "../components/CopyableText";

const useStyles = makeStyles({
  reason: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: "anywhere",
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  formula: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
});

export interface ExplainScreenProps {
  explain: () => Promise<CellExplanation>;
}

export default function ExplainScreen({ explain }: ExplainScreenProps) {
  const stack = useStackStyles();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CellExplanation>();
  const [error, setError] = useState<unknown>();

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await explain());
    } catch (caught) {
      setResult(undefined);
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={stack.stack}>
      <ScreenTitle>Explain this cell</ScreenTitle>
      <Body1>
        Select a cell with a =BENCH. formula, then choose Explain. Crossbench computes the call
        again with the same inputs and tells you what the result means, or why there is none and
        what to change.
      </Body1>
      <div>
        <Button appearance="primary" onClick={run} disabled={busy}>
          Explain the selected cell
        </Button>
      </div>
      {busy && <Spinner size="small" label="Reading the cell…" />}
      <ErrorBar error={error} title="The cell could not be explained" />
      {result && (
        <section aria-labelledby="explain-result" className={stack.stack}>
          <Subtitle2 as="h2" id="explain-result">
            {result.headline}
          </Subtitle2>
          <Body1 className={styles.formula}>
            {result.address}: {result.formula}
          </Body1>
          {result.message && (
            <p className={styles.reason} data-testid="explain-reason">
              <strong>Reason:</strong> {result.message}
            </p>
          )}
          {result.details.length > 0 && (
            <ul className={styles.list} aria-label="What it means and what to change">
              {result.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
          {result.arguments.length > 0 && (
            <ul className={styles.list} aria-label="Arguments">
              {result.arguments.map((arg, i) => (
                <li key={`${i}-${arg.text}`}>
                  {arg.parameter}: {arg.shown}
                </li>
              ))}
            </ul>
          )}
          <CopyableText label="Explanation as text" text={result.text} rows={6} />
        </section>
      )}
    </div>
  );
}
