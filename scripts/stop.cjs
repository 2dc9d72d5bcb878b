/** `npm stop`: undoes `npm start` (unloads the sideloaded add-in, or stops the background dev server). */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const STATE_FILE = path.join(ROOT, ".crossbench-start.json");

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, "utf8"));
  } catch {
    return null;
  }
}

const state = readState();
if (process.platform === "win32" || process.platform === "darwin") {
  const bin = path.join(
    ROOT,
    "node_modules",
    ".bin",
    process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging"
  );
  spawnSync(bin, ["stop", "manifest.xml"], {
    stdio: "inherit",
    cwd: ROOT,
    shell: process.platform === "win32",
  });
  fs.rmSync(STATE_FILE, { force: true });
} else if (state && state.mode === "web" && state.pid) {
  try {
    // The dev server was started detached in its own process group: stop the whole group.
    process.kill(-state.pid, "SIGTERM");
    console.log(
      `Stopped the Crossbench dev server (process group ${state.pid}) on port ${state.port}.`
    );
  } catch (error) {
    if (error.code === "ESRCH") console.log("The Crossbench dev server was not running any more.");
    else {
      console.error(`Could not stop process group ${state.pid}: ${error.message}`);
      process.exit(1);
    }
  }
  fs.rmSync(STATE_FILE, { force: true });
} else {
  console.log("Nothing to stop: `npm start` is not running from this folder.");
}
