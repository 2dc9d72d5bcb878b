/** Pure helpers behind the build's ADDIN_URL handling (see webpack.config.js); unit-tested. */
const DEV_URL = "https://localhost:3000/";

/** The production base URL from ADDIN_URL, ending with "/"; null when unset. Throws on a non-https value. */
function normaliseAddinUrl(raw) {
  const value = (raw || "").trim();
  if (!value) return null;
  if (!/^https:\/\/[^\s"'<>]+$/.test(value)) {
    throw new Error(`ADDIN_URL must be an https:// URL without spaces or quotes, got "${value}"`);
  }
  return value.endsWith("/") ? value : value + "/";
}

/** Replaces every occurrence of the dev URL; `localhostLeft` says whether "localhost" remains. */
function rewriteDevUrl(text, productionUrl) {
  const rewritten = text.split(DEV_URL).join(productionUrl);
  return { text: rewritten, localhostLeft: /localhost/i.test(rewritten) };
}

module.exports = { DEV_URL, normaliseAddinUrl, rewriteDevUrl };
