/**
 * @jest-environment jsdom
 */
import { onPaneScreenRequest, requestPaneScreen } from "./paneRequests";

test("a request made before the pane listens is delivered once it does, later ones as they come", () => {
  requestPaneScreen("selfcheck");
  const opened: string[] = [];
  const stop = onPaneScreenRequest((screen) => opened.push(screen));
  expect(opened).toEqual(["selfcheck"]);
  requestPaneScreen("explain");
  expect(opened).toEqual(["selfcheck", "explain"]);
  stop();
  requestPaneScreen("selfcheck");
  expect(opened).toEqual(["selfcheck", "explain"]);
  // The request stays pending for the next pane that listens.
  const next: string[] = [];
  onPaneScreenRequest((screen) => next.push(screen))();
  expect(next).toEqual(["selfcheck"]);
});
