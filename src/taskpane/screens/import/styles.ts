/** Styles and limits shared by the import steps. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const PREVIEW_ROWS = 5;
/** Longer lists are cut here (the rest is counted, not shown). */
export const PROBLEMS_SHOWN = 200;

export const useImportStyles = makeStyles({
  previewScroller: {
    overflowX: "auto",
    maxWidth: "100%",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  previewTable: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      textAlign: "start",
      whiteSpace: "nowrap",
      maxWidth: "12em",
      overflow: "hidden",
      textOverflow: "ellipsis",
    },
  },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  fileInput: {
    maxWidth: "100%",
    color: tokens.colorNeutralForeground1,
  },
  wideMetric: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    minWidth: 0,
  },
  wideLegend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  problems: {
    maxHeight: "16em",
    overflowY: "auto",
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
});
