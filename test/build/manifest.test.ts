import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import os from "os";
import path from "path";

const {
  validate,
  semanticProblems,
  schemaErrors,
  schemaAvailable,
  SCHEMA,
  SCHEMA_NOTICE,
} = require("../../scripts/validate-manifest.cjs");

const ROOT = path.resolve(__dirname, "../..");
const manifestXml = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

function xmllintAvailable(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

function writeTemp(xml: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "manifest-")), "manifest.xml");
  writeFileSync(file, xml);
  return file;
}

// Microsoft's schema is not part of this repository (../shared, or MANIFEST_XSD_DIR). On a machine
// without it the schema tests are skipped with a one-line notice; under CI they are required.
const required = Boolean(process.env.CI) && process.env.CI !== "false";
const runsSchemaTests = required || (xmllintAvailable() && schemaAvailable());
if (!runsSchemaTests)
  process.stderr.write(
    `manifest.test.ts: schema tests skipped. ${schemaAvailable() ? "xmllint is not installed (Debian: apt-get install libxml2-utils)." : SCHEMA_NOTICE}\n`
  );

(runsSchemaTests ? describe : describe.skip)(
  "manifest.xml against Microsoft's schema (xmllint, offline)",
  () => {
    it("validates, and passes the shared-runtime checks", () => {
      // Under CI a missing schema fails here, with the notice saying how to provide it.
      expect(schemaAvailable() ? "" : SCHEMA_NOTICE).toBe("");
      expect(validate(path.join(ROOT, "manifest.xml"))).toEqual([]);
    });

    it("rejects an element the schema does not allow", () => {
      const broken = writeTemp(
        manifestXml.replace(
          "<Permissions>ReadWriteDocument</Permissions>",
          "<Permissions>Everything</Permissions>"
        )
      );
      expect(schemaErrors(broken)).toMatch(/Permissions/);
    });

    it("points at OfficeAppManifestV1_1.xsd (../shared/office-manifest-xsd or MANIFEST_XSD_DIR)", () => {
      expect(path.basename(SCHEMA)).toBe("OfficeAppManifestV1_1.xsd");
    });
  }
);

describe("manifest.xml beyond the schema", () => {
  it("has no problems as committed", () => {
    expect(semanticProblems(manifestXml)).toEqual([]);
  });

  it.each([
    ["CustomFunctions Page", /(<Page>\s*<SourceLocation\s+resid=")Taskpane\.Url/],
    ["FunctionFile", /(<FunctionFile\s+resid=")Taskpane\.Url/],
    ["ShowTaskpane", /(<TaskpaneId>[^<]+<\/TaskpaneId>\s*<SourceLocation\s+resid=")Taskpane\.Url/],
  ])("catches a %s whose resid differs from the shared runtime's", (what, pattern) => {
    const mismatched = manifestXml.replace(pattern, "$1Other.Url");
    expect(mismatched).not.toEqual(manifestXml);
    expect(semanticProblems(mismatched).join("\n")).toMatch(/silently fail to load/);
  });

  it("requires a long-lived runtime and the BENCH namespace", () => {
    expect(
      semanticProblems(manifestXml.replace('lifetime="long"', 'lifetime="short"')).join()
    ).toMatch(/lifetime="long"/);
    expect(
      semanticProblems(manifestXml.replace('DefaultValue="BENCH"', 'DefaultValue="CONTOSO"')).join()
    ).toMatch(/BENCH/);
  });

  it("checks that each ribbon icon exists with its declared pixel size", () => {
    const wrongSize = manifestXml.replace(
      'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"',
      'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"'
    );
    expect(semanticProblems(wrongSize).join()).toMatch(/icon-32\.png is 32x32, declared 16/);
    const missing = manifestXml.replace("assets/icon-80.png", "assets/nope.png");
    expect(semanticProblems(missing).join()).toMatch(/nope\.png/);
  });

  it("ships every product icon size as a real PNG", () => {
    const { pngSize } = require("../../scripts/validate-manifest.cjs");
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ROOT, "assets", `icon-${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
  });
});
