/** The problems of a source or a check, each placed by row and column. */
import React from "react";
import type { ImportProblem } from "../../paneActions";
import { PROBLEMS_SHOWN, useImportStyles } from "./styles";

/** "Row 3, column C (median)", "Row 1" (a whole-row problem) or "Whole file". */
export function problemPlace(problem: ImportProblem): string {
  if (problem.row <= 0) return problem.column || "Whole file";
  return problem.column ? `Row ${problem.row}, column ${problem.column}` : `Row ${problem.row}`;
}

export function ProblemList({ problems }: { problems: readonly ImportProblem[] }) {
  const styles = useImportStyles();
  return (
    <ol className={styles.problems} aria-label="Problems found" tabIndex={0}>
      {problems.slice(0, PROBLEMS_SHOWN).map((problem, index) => (
        <li key={index}>
          {problem.severity === "warning" ? "Warning: " : ""}
          {problemPlace(problem)}: {problem.message}
        </li>
      ))}
    </ol>
  );
}
