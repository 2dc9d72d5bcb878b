/**
 * The task pane: the start screen with the user's defaults and up to four actions. Every other screen
 * is lazy-loaded so the first paint stays small; a screen appears only when its capability exists.
 */
import React, { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { PaneActions, PaneSettings } from "./paneActions";
import { StartScreen, type ScreenId } from "./screens/StartScreen";
import { ErrorBar } from "./components/common";

const NewWorkbookScreen = lazy(
  () => import(/* webpackChunkName: "workbook" */ "./screens/NewWorkbookScreen")
);
const ImportScreen = lazy(() => import(/* webpackChunkName: "import" */ "./screens/ImportScreen"));
const PracticesScreen = lazy(
  () => import(/* webpackChunkName: "practices" */ "./screens/PracticesScreen")
);
const LibraryScreen = lazy(
  () => import(/* webpackChunkName: "library" */ "./screens/LibraryScreen")
);
const ExplainScreen = lazy(
  () => import(/* webpackChunkName: "explain-screen" */ "./screens/ExplainScreen")
);
const SelfCheckScreen = lazy(
  () => import(/* webpackChunkName: "selfcheck-screen" */ "./screens/SelfCheckScreen")
);

const SCREEN_IDS: readonly ScreenId[] = [
  "start",
  "workbook",
  "import",
  "practices",
  "library",
  "explain",
  "selfcheck",
];

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    minHeight: "100vh",
    maxWidth: "100%",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    overflowX: "hidden",
  },
});

export interface AppProps {
  actions: PaneActions;
}

export function App({ actions }: AppProps) {
  const styles = useStyles();
  const [screen, setScreen] = useState<ScreenId>("start");
  const [settings, setSettings] = useState<PaneSettings>();
  const [loadError, setLoadError] = useState<unknown>();

  useEffect(() => {
    let current = true;
    actions.readSettings().then(
      (read) => current && setSettings(read),
      (error: unknown) => current && setLoadError(error)
    );
    return () => {
      current = false;
    };
  }, [actions]);

  const saveSettings = useCallback(
    async (next: PaneSettings) => {
      await actions.writeSettings(next);
      setSettings(next);
    },
    [actions]
  );
  const goHome = useCallback(() => setScreen("start"), []);

  // A ribbon button (e.g. "Check installation") can ask for a screen, before or after the pane renders.
  useEffect(
    () =>
      actions.onOpenScreenRequest?.((requested) => {
        const known = SCREEN_IDS.find((id) => id === requested);
        if (known) setScreen(known);
      }),
    [actions]
  );

  if (loadError !== undefined) {
    return (
      <main className={styles.root}>
        <ErrorBar error={loadError} title="Crossbench could not read this workbook's settings" />
      </main>
    );
  }
  if (!settings) {
    return (
      <main className={styles.root}>
        <Spinner label="Loading Crossbench…" />
      </main>
    );
  }

  return (
    <main className={styles.root}>
      {screen !== "start" && (
        <nav aria-label="Crossbench">
          <Button appearance="subtle" onClick={goHome}>
            ← Back to start
          </Button>
        </nav>
      )}
      <Suspense fallback={<Spinner label="Opening…" />}>
        {screen === "start" && (
          <StartScreen
            actions={actions}
            settings={settings}
            onSave={saveSettings}
            onOpen={setScreen}
          />
        )}
        {screen === "workbook" && actions.templates && (
          <NewWorkbookScreen
            templates={actions.templates}
            industries={actions.library}
            activateSheet={actions.activateSheet}
            settings={settings}
          />
        )}
        {screen === "import" && actions.importer && (
          <ImportScreen loadImporter={actions.importer} />
        )}
        {screen === "practices" && actions.practices && (
          <PracticesScreen
            practices={actions.practices}
            industries={actions.library}
            settings={settings}
          />
        )}
        {screen === "library" && (actions.library || actions.functions) && (
          <LibraryScreen
            library={actions.library}
            functions={actions.functions}
            insertFormula={actions.insertFormula}
            settings={settings}
          />
        )}
        {screen === "explain" && actions.explainCell && (
          <ExplainScreen explain={actions.explainCell} />
        )}
        {screen === "selfcheck" && actions.selfCheck && <SelfCheckScreen run={actions.selfCheck} />}
      </Suspense>
    </main>
  );
}
