/**
 * Check this installation: runs Crossbench's paths in this Excel (functions, a template, a reference
 * table) in temporary sheets it removes again, and shows a report to copy and send back.
 */
import React, { useState } from "react";
import { Badge, Body1, Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { SelfCheckLine, SelfCheckReport } from "../paneActions";
import { ErrorBar, ScreenTitle, SuccessBar, useStackStyles } from "../components/common";
import { CopyableText } from "../components/CopyableText";

const STATUS: Record<
  SelfCheckLine["status"],
  { label: string; color: "success" | "danger" | "informative" | "warning" }
> = {
  pass: { label: "Pass", color: "success" },
  fail: { label: "Fail", color: "danger" },
  info: { label: "Info", color: "informative" },
  manual: { label: "Check by hand", color: "warning" },
};

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    overflowWrap: "anywhere",
  },
  line: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
  badge: { flexShrink: 0 },
});

export interface SelfCheckScreenProps {
  run: (onProgress: (step: string) => void) => Promise<SelfCheckReport>;
}

export default function SelfCheckScreen({ run }: SelfCheckScreenProps) {
  const stack = useStackStyles();
  const styles = useStyles();
  const [step, setStep] = useState<string>();
  const [report, setReport] = useState<SelfCheckReport>();
  const [error, setError] = useState<unknown>();

  async function start() {
    setReport(undefined);
    setError(undefined);
    setStep("Starting");
    try {
      setReport(await run(setStep));
    } catch (caught) {
      setError(caught);
    } finally {
      setStep(undefined);
    }
  }

  return (
    <div className={stack.stack}>
      <ScreenTitle>Check this installation</ScreenTitle>
      <Body1>
        Takes about a minute. Crossbench calculates every BENCH function in a temporary sheet,
        inserts a template, writes a reference table, then removes all of it and checks that your
        workbook is exactly as before. Copy the report and send it back to whoever asked for it.
      </Body1>
      <div>
        <Button appearance="primary" onClick={start} disabled={step !== undefined}>
          Run the check
        </Button>
      </div>
      {step !== undefined && <Spinner size="small" label={`${step}…`} />}
      <ErrorBar error={error} title="The check could not run" />
      {report && (
        <section aria-label="Self-check report" className={stack.stack}>
          {report.passed ? (
            <SuccessBar>Every check passed.</SuccessBar>
          ) : (
            <ErrorBar error="Some checks failed; the report says which." title="Not all passed" />
          )}
          <ul className={styles.list}>
            {report.lines.map((line, i) => (
              <li key={`${i}-${line.label}`} className={styles.line}>
                <Badge className={styles.badge} appearance="tint" color={STATUS[line.status].color}>
                  {STATUS[line.status].label}
                </Badge>
                <span>
                  {line.section} · {line.label}: {line.detail}
                </span>
              </li>
            ))}
          </ul>
          <CopyableText label="Report to send back" text={report.text} rows={10} />
        </section>
      )}
    </div>
  );
}
