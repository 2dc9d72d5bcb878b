/**
 * `npm start` / `npm stop` on Linux, where Excel desktop cannot run: one plain sentence saying so, the
 * add-in served over https on localhost, sideloading steps for Excel on the web, no stack trace; stop
 * ends the server. (Windows/macOS sideload into Excel desktop through office-addin-debugging, which
 * cannot be exercised on this machine.)
 */
import { spawnSync } from "child_process";
import https from "https";
import path from "path";

const ROOT = path.resolve(__dirname, "../..");
const PORT = 3417; // not 3000, so a developer's running `npm start` is left alone

function fetchStatus(file: string): Promise<number> {
  return new Promise((resolve) => {
    const request = https.get(
      { host: "localhost", port: PORT, path: file, rejectUnauthorized: false, timeout: 3000 },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }
    );
    request.on("error", () => resolve(0));
    request.on("timeout", () => {
      request.destroy();
      resolve(0);
    });
  });
}

const env = { ...process.env, npm_package_config_dev_server_port: String(PORT) };
const describeOnLinux = process.platform === "linux" ? describe : describe.skip;

describeOnLinux("npm start / npm stop on Linux", () => {
  afterAll(() => {
    spawnSync(process.execPath, [path.join(ROOT, "scripts", "stop.cjs")], { cwd: ROOT, env });
  });

  it("says Excel desktop cannot run here, serves over https and explains sideloading; stop ends it", async () => {
    const start = spawnSync(process.execPath, [path.join(ROOT, "scripts", "start.cjs")], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 240_000,
    });
    const output = `${start.stdout}${start.stderr}`;
    expect(start.status).toBe(0);
    expect(output.split("\n")[0]).toBe(
      "Excel desktop does not run on Linux, so Crossbench will be served for Excel on the web instead."
    );
    expect(output).toContain(`https://localhost:${PORT}/`);
    expect(output).toMatch(/Upload My Add-in/);
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
    expect(output).not.toMatch(/Excel (has )?started|launched Excel/i);

    expect(await fetchStatus("/taskpane.html")).toBe(200);
    expect(await fetchStatus("/functions.json")).toBe(200);
    expect(await fetchStatus("/manifest.xml")).toBe(200);

    const stop = spawnSync(process.execPath, [path.join(ROOT, "scripts", "stop.cjs")], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(stop.status).toBe(0);
    expect(stop.stdout).toMatch(/Stopped the Crossbench dev server/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await fetchStatus("/taskpane.html")).toBe(0);
  }, 300_000);
});
