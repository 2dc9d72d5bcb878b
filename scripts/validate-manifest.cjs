/**
 * `npm run validate`: validates manifest.xml (and dist/manifest.xml when built) against Microsoft's
 * add-in manifest schema with xmllint, offline, then checks what the schema cannot see: every runtime
 * reference uses one resid, the BENCH namespace, and icons that exist at their declared sizes.
 * office-addin-manifest's validate calls an online service, so it cannot be the check here.
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SCHEMA_DIR =
  process.env.MANIFEST_XSD_DIR || path.resolve(ROOT, "..", "shared", "office-manifest-xsd");
const SCHEMA = path.join(SCHEMA_DIR, "OfficeAppManifestV1_1.xsd");
/** One line saying where the schema was looked for and how to point at it. */
const SCHEMA_NOTICE = `Microsoft's manifest schema was not found at ${SCHEMA}: set MANIFEST_XSD_DIR to the folder holding OfficeAppManifestV1_1.xsd.`;

function schemaAvailable() {
  return fs.existsSync(SCHEMA);
}

/** Runs xmllint; returns null when valid, else its message. */
function schemaErrors(manifestPath) {
  try {
    execFileSync("xmllint", ["--noout", "--schema", SCHEMA, manifestPath], { stdio: "pipe" });
    return null;
  } catch (error) {
    if (error.code === "ENOENT")
      return "xmllint is not installed (Debian: apt-get install libxml2-utils)";
    return (error.stderr || error.message).toString().trim();
  }
}

function attr(xml, pattern) {
  return [...xml.matchAll(pattern)].map((m) => m[1]);
}

/** PNG width and height from the IHDR chunk. */
function pngSize(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.toString("ascii", 1, 4) !== "PNG") throw new Error(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Checks beyond the schema. Returns a list of problems (empty when fine). */
function semanticProblems(xml, { assetsDir = path.join(ROOT, "assets") } = {}) {
  const problems = [];
  const runtimeResids = attr(xml, /<Runtime\s+resid="([^"]+)"/g);
  const pageResids = attr(xml, /<Page>\s*<SourceLocation\s+resid="([^"]+)"/g);
  const functionFileResids = attr(xml, /<FunctionFile\s+resid="([^"]+)"/g);
  const taskpaneResids = attr(
    xml,
    /<Action\s+xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation\s+resid="([^"]+)"/g
  );
  if (runtimeResids.length !== 1)
    problems.push(`expected one <Runtime>, found ${runtimeResids.length}`);
  const shared = runtimeResids[0];
  for (const [what, list] of [
    ["CustomFunctions <Page>", pageResids],
    ["<FunctionFile>", functionFileResids],
    ["ShowTaskpane <SourceLocation>", taskpaneResids],
  ]) {
    if (list.length === 0) problems.push(`${what} is missing`);
    for (const resid of list) {
      if (resid !== shared)
        problems.push(
          `${what} uses resid "${resid}" but the shared <Runtime> is "${shared}": functions would silently fail to load`
        );
    }
  }
  if (!/<Runtime\s+resid="[^"]+"\s+lifetime="long"/.test(xml))
    problems.push('the shared <Runtime> must have lifetime="long"');
  const namespaceResid = attr(xml, /<Namespace\s+resid="([^"]+)"/g)[0];
  const namespace =
    namespaceResid &&
    attr(
      xml,
      new RegExp(
        `<bt:String\\s+id="${namespaceResid.replace(/\./g, "\\.")}"\\s+DefaultValue="([^"]+)"`,
        "g"
      )
    )[0];
  if (namespace !== "BENCH")
    problems.push(`custom functions namespace must be BENCH, found ${namespace}`);
  if (!/<Set\s+Name="SharedRuntime"\s+MinVersion="1.1"/.test(xml))
    problems.push("SharedRuntime 1.1 requirement is missing");
  for (const [, size, url] of xml.matchAll(
    /<bt:Image\s+id="Icon\.(\d+)x\d+"\s+DefaultValue="([^"]+)"/g
  )) {
    const file = path.join(assetsDir, path.basename(url));
    if (!fs.existsSync(file)) {
      problems.push(`icon ${url} has no file ${file}`);
      continue;
    }
    const { width, height } = pngSize(file);
    if (width !== Number(size) || height !== Number(size))
      problems.push(`${file} is ${width}x${height}, declared ${size}`);
  }
  return problems;
}

function validate(manifestPath) {
  const xml = fs.readFileSync(manifestPath, "utf8");
  const problems = [];
  const schema = schemaErrors(manifestPath);
  if (schema) problems.push(`schema: ${schema}`);
  problems.push(...semanticProblems(xml));
  return problems;
}

if (require.main === module) {
  if (!schemaAvailable()) {
    console.error(SCHEMA_NOTICE);
    process.exit(1);
  }
  const targets = [path.join(ROOT, "manifest.xml"), path.join(ROOT, "dist", "manifest.xml")].filter(
    (f) => fs.existsSync(f)
  );
  let failed = false;
  for (const target of targets) {
    const problems = validate(target);
    if (problems.length === 0) {
      console.log(
        `${path.relative(ROOT, target)}: valid (schema ${path.relative(ROOT, SCHEMA)}, shared runtime, BENCH namespace, icons)`
      );
    } else {
      failed = true;
      console.error(`${path.relative(ROOT, target)}: INVALID`);
      for (const p of problems) console.error(`  - ${p}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

module.exports = {
  validate,
  semanticProblems,
  schemaErrors,
  schemaAvailable,
  pngSize,
  SCHEMA,
  SCHEMA_NOTICE,
};
