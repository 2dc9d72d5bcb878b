/**
 * HTTPS options for the dev server. office-addin-dev-certs' getHttpsServerOptions() throws on Linux
 * (installing its CA needs sudo), so read its certificate files when `office-addin-dev-certs install`
 * has created them (Windows/macOS, via `npm start`), else let webpack-dev-server generate its own
 * self-signed certificate (no sudo; the browser asks once to trust it).
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");

async function devServerHttpsOptions() {
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  const present = Object.values(files).every((name) => fs.existsSync(path.join(CERT_DIR, name)));
  if (!present) return {};
  return Object.fromEntries(
    Object.entries(files).map(([option, name]) => [
      option,
      fs.readFileSync(path.join(CERT_DIR, name)),
    ])
  );
}

module.exports = { devServerHttpsOptions, CERT_DIR };
