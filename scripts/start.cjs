/**
 * `npm start`. Windows and macOS: trust the dev certificates, then sideload into Excel desktop with
 * office-addin-debugging (which also starts the dev server). Linux: Excel desktop does not exist there,
 * so say so, serve the add-in over https on localhost:3000 in the background, and print how to sideload
 * it into Excel on the web. `npm stop` undoes either.
 */
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const https = require("https");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);
const STATE_FILE = path.join(ROOT, ".crossbench-start.json");
const LOG_FILE = path.join(ROOT, ".crossbench-dev-server.log");
const BIN = (name) =>
  path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

function fail(message) {
  console.error(message);
  process.exit(1);
}

function startDesktop() {
  // office-addin-* CLIs can exit 0 on failure, so their output is shown and the user sees the outcome.
  const certs = spawnSync(BIN("office-addin-dev-certs"), ["install"], {
    stdio: "inherit",
    cwd: ROOT,
    shell: process.platform === "win32",
  });
  if (certs.status !== 0)
    fail(
      "Could not install the development certificates (see above); Excel would refuse the add-in without them."
    );
  const debug = spawnSync(
    BIN("office-addin-debugging"),
    [
      "start",
      "manifest.xml",
      "desktop",
      "--app",
      "excel",
      "--dev-server",
      "npm run dev-server",
      "--dev-server-port",
      String(PORT),
    ],
    { stdio: "inherit", cwd: ROOT, shell: process.platform === "win32" }
  );
  fs.writeFileSync(
    STATE_FILE,
    JSON.stringify({ mode: "desktop", startedAt: new Date().toISOString() })
  );
  process.exit(debug.status ?? 1);
}

function portAnswers() {
  return new Promise((resolve) => {
    const request = https.get(
      {
        host: "localhost",
        port: PORT,
        path: "/taskpane.html",
        rejectUnauthorized: false,
        timeout: 2000,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      }
    );
    request.on("error", () => resolve(false));
    request.on("timeout", () => {
      request.destroy();
      resolve(false);
    });
  });
}

async function startWebOnly() {
  console.log(
    "Excel desktop does not run on Linux, so Crossbench will be served for Excel on the web instead."
  );
  if (await portAnswers()) {
    console.log(
      `Something already serves https://localhost:${PORT}/taskpane.html (run \`npm stop\` first if that is an old Crossbench).`
    );
    process.exit(1);
  }
  const log = fs.openSync(LOG_FILE, "w");
  const server = spawn(BIN("webpack"), ["serve", "--mode", "development"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", log, log],
  });
  server.unref();
  fs.writeFileSync(
    STATE_FILE,
    JSON.stringify({
      mode: "web",
      pid: server.pid,
      port: PORT,
      startedAt: new Date().toISOString(),
    })
  );
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (await portAnswers()) {
      console.log(
        `Serving https://localhost:${PORT}/ (dev server log: ${path.relative(ROOT, LOG_FILE)}; \`npm stop\` stops it).`
      );
      console.log(
        [
          "",
          "To sideload into Excel on the web:",
          `  1. Open https://localhost:${PORT}/taskpane.html once in the same browser and accept its self-signed certificate.`,
          "  2. Open a workbook at https://www.office.com (Excel on the web).",
          "  3. Home > Add-ins > More Settings (or Insert > Office Add-ins) > Upload My Add-in.",
          `  4. Choose ${path.join(ROOT, "manifest.xml")} and Upload; the Crossbench group appears on the Home tab and =BENCH. functions in cells.`,
        ].join("\n")
      );
      return;
    }
    try {
      process.kill(server.pid, 0);
    } catch {
      fs.rmSync(STATE_FILE, { force: true });
      const tail = fs.readFileSync(LOG_FILE, "utf8").trim().split("\n").slice(-15).join("\n");
      fail(
        `The dev server stopped before serving the add-in. Last lines of ${path.relative(ROOT, LOG_FILE)}:\n${tail}`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  fail(
    `The dev server did not answer on https://localhost:${PORT} within 3 minutes; see ${path.relative(ROOT, LOG_FILE)}, then run \`npm stop\`.`
  );
}

if (process.platform === "win32" || process.platform === "darwin") {
  startDesktop();
} else {
  startWebOnly().catch((error) => fail(`Could not start Crossbench: ${error.message}`));
}
