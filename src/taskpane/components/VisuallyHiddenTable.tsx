/** A chart's figures as a table that screen readers read and sighted users do not see. */
import React from "react";
import { makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  // The usual visually-hidden pattern: in the accessibility tree, out of sight, no layout effect.
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    padding: 0,
    margin: "-1px",
    overflow: "hidden",
    clip: "rect(0, 0, 0, 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

export interface VisuallyHiddenTableProps {
  caption: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

export function VisuallyHiddenTable({ caption, headers, rows }: VisuallyHiddenTableProps) {
  const styles = useStyles();
  // The wrapper, not the table, is hidden: a table ignores a 1 px width and would widen the pane.
  return (
    <div className={styles.hidden} data-visually-hidden="">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) =>
                c === 0 ? (
                  <th key={c} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={c}>{cell}</td>
                )
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
