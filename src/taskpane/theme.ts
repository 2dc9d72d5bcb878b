/** The pane's view of Office's theme; the rule lives with the other host code (src/excel imports no pane code). */
export { isDarkTheme } from "../excel/officeTheme";
