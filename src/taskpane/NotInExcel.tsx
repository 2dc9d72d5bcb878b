/** What the page shows when opened outside Excel: one sentence and the way to sideload it. */
import React from "react";
import { Body1, Link, Title2, makeStyles, tokens } from "@fluentui/react-components";

/** The README section with the sideload steps (published with the add-in as help.html). */
export const SIDELOAD_HELP_URL = "help.html#sideloading";

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    color: tokens.colorNeutralForeground1,
  },
});

export function NotInExcel() {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Title2 as="h1">Crossbench</Title2>
      <Body1 as="p" data-testid="not-in-excel">
        Crossbench is an Excel add-in and runs inside Excel:{" "}
        <Link href={SIDELOAD_HELP_URL}>see how to add it to Excel</Link>.
      </Body1>
    </main>
  );
}
