/**
 * Library and functions: search the active reference library (with each value's provenance and the
 * illustrative flag) and the BENCH function reference; both insert formulas into the selected cell.
 */
import React, { useEffect, useState } from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Spinner,
  Subtitle1,
  Subtitle2,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type {
  FunctionInfo,
  LibraryActions,
  LibraryEntry,
  PaneActions,
  PaneSettings,
} from "../paneActions";
import { ErrorBar, ScreenTitle, SuccessBar, excelText, useStackStyles } from "../components/common";
import { rawQuantileForTarget } from "../../core/benchmarking";
import { MetricSpread } from "../components/MetricSpread";

/** Shown wherever bundled sample figures appear (the reference issue's wording). */
export const ILLUSTRATIVE_LABEL = "illustrative sample — replace with your sources";
const RESULT_LIMIT = 40;
const STATISTIC_ORDER = ["p10", "p25", "median", "p75", "p90", "mean", "value"];

/** Performance levels: which raw statistic holds them depends on the metric's direction. */
const TARGET_LEVELS = {
  "target:median": { level: "median", label: "typical (median)" },
  "target:p75": { level: "p75", label: "top quarter" },
  "target:p90": { level: "p90", label: "top tenth" },
} as const;
type TargetChoice = keyof typeof TARGET_LEVELS;

function isTargetChoice(choice: string): choice is TargetChoice {
  return choice in TARGET_LEVELS;
}

/** What "Insert formula" inserts for an entry: the statistic and, for a performance level, why that one. */
export function statisticToInsert(
  entry: Pick<LibraryEntry, "direction" | "statistics">,
  choice: string
): { statistic: string; why?: string } {
  if (isTargetChoice(choice)) {
    const { level, label } = TARGET_LEVELS[choice];
    const raw = rawQuantileForTarget(level, entry.direction);
    const statistic = entry.statistics[raw] !== undefined ? raw : "median";
    const why =
      statistic !== raw
        ? `${label}: not published, median instead`
        : entry.direction === "lower" && raw !== "median"
          ? `${label}; lower is better, so the ${raw}`
          : label;
    return { statistic, why };
  }
  return { statistic: entry.statistics[choice] !== undefined ? choice : "median" };
}

const useStyles = makeStyles({
  stats: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  stat: { display: "flex", gap: tokens.spacingHorizontalXS },
  statName: { color: tokens.colorNeutralForeground2 },
  statValue: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  // Fluent's Badge has a fixed height; this one carries a sentence that must wrap at 320 px.
  illustrative: { height: "auto", whiteSpace: "normal", paddingBlock: tokens.spacingVerticalXXS },
});

export interface LibraryScreenProps {
  library?: LibraryActions;
  functions?: NonNullable<PaneActions["functions"]>;
  insertFormula: PaneActions["insertFormula"];
  settings: PaneSettings;
}

type Tabs = "library" | "functions";

export default function LibraryScreen({
  library,
  functions,
  insertFormula,
  settings,
}: LibraryScreenProps) {
  const stack = useStackStyles();
  const [tab, setTab] = useState<Tabs>(library ? "library" : "functions");
  const [inserted, setInserted] = useState<{ formula: string; address: string; why?: string }>();
  const [error, setError] = useState<unknown>();

  async function insert(formula: string, why?: string) {
    setError(undefined);
    setInserted(undefined);
    try {
      const address = await insertFormula(formula);
      setInserted({ formula, address, ...(why ? { why } : {}) });
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className={stack.stack}>
      <ScreenTitle>Library and functions</ScreenTitle>
      {library && functions && (
        <TabList
          selectedValue={tab}
          onTabSelect={(_, data) => {
            setTab(data.value as Tabs);
            // A message belongs to the tab it came from.
            setInserted(undefined);
            setError(undefined);
          }}
          aria-label="Library or functions"
        >
          <Tab value="library">Reference library</Tab>
          <Tab value="functions">BENCH functions</Tab>
        </TabList>
      )}
      <div aria-live="polite">
        {inserted && (
          <SuccessBar>
            Inserted <code className={stack.code}>{inserted.formula}</code> into {inserted.address}
            {inserted.why ? ` (${inserted.why})` : ""}.
          </SuccessBar>
        )}
      </div>
      <ErrorBar error={error} title="The formula was not inserted" />
      {tab === "library" && library && (
        <LibraryBrowser library={library} settings={settings} onInsert={insert} />
      )}
      {tab === "functions" && functions && (
        <FunctionReference functions={functions} onInsert={insert} />
      )}
    </div>
  );
}

/** The formula that reads one reference figure, e.g. `=BENCH.METRIC("Restaurants","Customer retention rate","p75")`. */
export function metricFormula(
  entry: Pick<LibraryEntry, "industry" | "metric">,
  statistic: string
): string {
  return `=BENCH.METRIC(${excelText(entry.industry)},${excelText(entry.metric)},${excelText(statistic)})`;
}

/** Percentages are stored as fractions (0.35 = 35 %), as the BENCH functions return them; show them as percent. */
export function formatStatistic(value: number, unit: string): string {
  if (unit === "%")
    return `${(value * 100).toLocaleString(undefined, { maximumSignificantDigits: 4 })} %`;
  return value.toLocaleString(undefined, { maximumSignificantDigits: 6 });
}

function LibraryBrowser({
  library,
  settings,
  onInsert,
}: {
  library: LibraryActions;
  settings: PaneSettings;
  onInsert: (formula: string, why?: string) => Promise<void>;
}) {
  const stack = useStackStyles();
  const styles = useStyles();
  const [query, setQuery] = useState(settings.industry);
  const [statistic, setStatistic] = useState<string>(`target:${settings.targetPercentile}`);
  const [result, setResult] = useState<{ entries: LibraryEntry[]; total: number }>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let current = true;
    // A short pause so typing does not search on every key.
    const timer = setTimeout(() => {
      library.search(query, RESULT_LIMIT).then(
        (found) => {
          if (!current) return;
          setResult(found);
          setError(undefined);
        },
        (caught: unknown) => current && setError(caught)
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [library, query]);

  return (
    <section aria-label="Reference library" className={stack.stack}>
      <Field label="Search industries and metrics">
        <Input type="search" value={query} onChange={(_, data) => setQuery(data.value)} />
      </Field>
      <Field
        label="Statistic to insert"
        hint="A performance level follows each metric's direction: for lower-is-better metrics the top quarter is the p25."
      >
        <Select value={statistic} onChange={(_, data) => setStatistic(data.value)}>
          <optgroup label="Performance level">
            {(Object.keys(TARGET_LEVELS) as TargetChoice[]).map((key) => (
              <option key={key} value={key}>
                {`Level: ${TARGET_LEVELS[key].label}`}
              </option>
            ))}
          </optgroup>
          <optgroup label="Published statistic">
            {STATISTIC_ORDER.map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </optgroup>
        </Select>
      </Field>
      <ErrorBar error={error} title="The library could not be searched" />
      {!result && !error && <Spinner size="small" label="Searching…" />}
      {result && (
        <Body1 role="status">
          {result.total === 0
            ? "No industry or metric matches."
            : result.total > result.entries.length
              ? `${result.total} matches; showing the first ${result.entries.length}. Type more to narrow.`
              : `${result.total} ${result.total === 1 ? "match" : "matches"}.`}
        </Body1>
      )}
      {result && result.entries.length > 0 && (
        <ul className={stack.list}>
          {result.entries.map((entry) => {
            const key = `${entry.industry}|${entry.metric}|${entry.region}|${entry.year ?? ""}`;
            const { statistic: stat, why } = statisticToInsert(entry, statistic);
            return (
              <li key={key} className={stack.card}>
                <Subtitle2 as="h3">
                  {entry.industry} — {entry.metric}
                </Subtitle2>
                <Caption1>
                  {entry.unit}, {entry.direction} is better{entry.region ? `, ${entry.region}` : ""}
                </Caption1>
                <dl className={styles.stats}>
                  {STATISTIC_ORDER.filter((k) => entry.statistics[k] !== undefined).map((k) => (
                    <div key={k} className={styles.stat}>
                      <dt className={styles.statName}>{k}</dt>
                      <dd className={styles.statValue}>
                        {formatStatistic(entry.statistics[k] as number, entry.unit)}
                      </dd>
                    </div>
                  ))}
                </dl>
                <MetricSpread
                  label={`${entry.industry} — ${entry.metric}`}
                  unit={entry.unit}
                  direction={entry.direction}
                  statistics={entry.statistics}
                  format={(value) => formatStatistic(value, entry.unit)}
                />
                <Caption1 className={stack.muted}>
                  Source: {entry.source}
                  {entry.year !== undefined ? `, ${entry.year}` : ""}
                  {entry.licence ? `; licence: ${entry.licence}` : ""}
                  {entry.n !== undefined ? `; n = ${entry.n}` : ""}
                </Caption1>
                {entry.illustrative && (
                  <div>
                    <Badge
                      appearance="tint"
                      color="warning"
                      shape="rounded"
                      className={styles.illustrative}
                    >
                      {ILLUSTRATIVE_LABEL}
                    </Badge>
                  </div>
                )}
                <div>
                  <Button
                    size="small"
                    onClick={() => onInsert(metricFormula(entry, stat), why)}
                    aria-label={`Insert formula for ${entry.industry}, ${entry.metric}, ${stat}${why ? ` (${why})` : ""}`}
                  >
                    Insert formula ({stat})
                  </Button>
                  {why && <Caption1 className={stack.muted}> {why}</Caption1>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Consecutive functions of the same task, in list order (the catalogue orders by task). */
function groupByTask(list: readonly FunctionInfo[]): { task: string; functions: FunctionInfo[] }[] {
  const groups: { task: string; functions: FunctionInfo[] }[] = [];
  for (const fn of list) {
    const task = fn.task ?? "Functions";
    if (groups.length === 0 || groups[groups.length - 1].task !== task)
      groups.push({ task, functions: [] });
    groups[groups.length - 1].functions.push(fn);
  }
  return groups;
}

function FunctionReference({
  functions,
  onInsert,
}: {
  functions: NonNullable<PaneActions["functions"]>;
  onInsert: (formula: string) => Promise<void>;
}) {
  const stack = useStackStyles();
  const [list, setList] = useState<FunctionInfo[]>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    functions.list().then(
      (loaded) => current && setList(loaded),
      (caught: unknown) => current && setError(caught)
    );
    return () => {
      current = false;
    };
  }, [functions]);

  if (error !== undefined)
    return <ErrorBar error={error} title="The function list could not be loaded" />;
  if (!list) return <Spinner size="small" label="Loading the function list…" />;
  return (
    <section aria-label="BENCH functions" className={stack.stack}>
      <Body1>
        {list.length} functions. Insert puts the example into the selected cell; replace its
        arguments with your cells.
      </Body1>
      {groupByTask(list).map(({ task, functions: group }) => (
        <section
          key={task}
          aria-labelledby={`task-${task.replace(/\W+/g, "-")}`}
          className={stack.stack}
        >
          <Subtitle1 as="h2" id={`task-${task.replace(/\W+/g, "-")}`}>
            {task}
          </Subtitle1>
          <ul className={stack.list}>
            {group.map((fn) => (
              <li key={fn.name} className={stack.card}>
                <Subtitle2 as="h3">{fn.name}</Subtitle2>
                <Body1>{fn.description}</Body1>
                {fn.parameters.length > 0 && (
                  <Caption1 className={stack.muted}>
                    Arguments:{" "}
                    {fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")}
                  </Caption1>
                )}
                <code className={stack.code}>{fn.example}</code>
                <div>
                  <Button
                    size="small"
                    onClick={() => onInsert(fn.example)}
                    aria-label={`Insert example of ${fn.name}`}
                  >
                    Insert example
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
