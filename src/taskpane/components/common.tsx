/** Small shared pieces of the pane: error text, status messages and the screen heading. */
import React, { useEffect, useRef } from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";

/** A readable message from anything thrown (Excel errors carry `message`; some carry `debugInfo`). */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "string" && error) return error;
  return "Something went wrong. Try again; if it keeps happening, reload the add-in.";
}

/** Message bars wrap long text (formulas, sheet names) inside the pane instead of running off its edge. */
const useMessageStyles = makeStyles({
  bar: { minWidth: 0, maxWidth: "100%", boxSizing: "border-box" },
  body: { minWidth: 0, overflowWrap: "anywhere", wordBreak: "break-word" },
});

export function ErrorBar({
  error,
  title = "That did not work",
}: {
  error: unknown;
  title?: string;
}) {
  const styles = useMessageStyles();
  if (error === undefined || error === null) return null;
  return (
    <MessageBar intent="error" role="alert" layout="multiline" className={styles.bar}>
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{title}</MessageBarTitle> {errorText(error)}
      </MessageBarBody>
    </MessageBar>
  );
}

export function SuccessBar({ children }: { children: React.ReactNode }) {
  const styles = useMessageStyles();
  return (
    <MessageBar intent="success" role="status" layout="multiline" className={styles.bar}>
      <MessageBarBody className={styles.body}>{children}</MessageBarBody>
    </MessageBar>
  );
}

const useTitleStyles = makeStyles({
  title: { ...typographyStyles.title2, margin: 0, outlineStyle: "none" },
});

/** The screen's heading; takes focus when the screen opens so keyboard and screen-reader users know where they are. */
export function ScreenTitle({ children }: { children: React.ReactNode }) {
  const styles = useTitleStyles();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className={styles.title}>
      {children}
    </h1>
  );
}

export const useStackStyles = makeStyles({
  stack: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS + " " + tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  muted: {
    color: tokens.colorNeutralForeground2,
  },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
    wordBreak: "break-all",
  },
});

/** A formula string literal: Excel doubles embedded quotes. */
export function excelText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
