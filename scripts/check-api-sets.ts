/**
 * Requirement-set check. Lists every Office API the add-in's code uses with the requirement set that
 * @types/office-js (and @types/custom-functions-runtime) give it in their `[Api set: …]` / `Requirement
 * set` JSDoc, using the TypeScript checker to resolve each use to its declaration. A use that needs more
 * than manifest.xml declares must sit on a path guarded by an `isSetSupported`-style check
 * (`supports("ExcelApi", "1.9")`, `Office.context.requirements.isSetSupported(...)`) for that set and
 * version. It also checks the custom-functions runtime features that functions.json needs.
 *
 *   npx tsx scripts/check-api-sets.ts            # report; exit code 1 when a use is not covered
 *   npx tsx scripts/check-api-sets.ts --readme   # also rewrite README's requirement-set table
 *
 * test/build/apiSets.test.ts runs the same check under `npm test` and compares README's table.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..");

export interface ApiUse {
  /** Fully qualified API, e.g. "Excel.Workbook.getSelectedRanges". */
  api: string;
  set: string;
  version: string;
  /** "src/excel/cells.ts:42" */
  location: string;
  /** The set/version checks on the use's path. */
  guards: { set: string; version: string }[];
}

export interface ApiSetReport {
  declared: Record<string, string>;
  uses: ApiUse[];
  /** Uses that need more than the manifest declares without a guard for it. */
  violations: ApiUse[];
  /** Runtime features functions.json needs. */
  functionFeatures: FunctionFeature[];
  featureViolations: FunctionFeature[];
}

export interface FunctionFeature {
  feature: string;
  set: string;
  version: string;
  /** Why it may exceed the manifest (the host ignores it and the code handles both cases), if it may. */
  optional?: string;
}

/**
 * Requirements the type definitions do not tag, from Microsoft's pages:
 * RunOptions.delayForCellEdit is ExcelApi 1.11 (https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
 */
const UNTAGGED: Record<string, [string, string]> = {
  "Excel.RunOptions.delayForCellEdit": ["ExcelApi", "1.11"],
};

/**
 * functions.json features and the runtime they need. Metadata options map to the Invocation members
 * they enable (their tags come from @types/custom-functions-runtime); allowCustomDataForDataTypeAny is
 * CustomFunctionsRuntime 1.4 (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts).
 */
const OPTION_MEMBERS: Record<string, string> = {
  requiresAddress: "CustomFunctions.Invocation.address",
  requiresParameterAddresses: "CustomFunctions.Invocation.parameterAddresses",
  stream: "CustomFunctions.StreamingInvocation",
  cancelable: "CustomFunctions.CancelableInvocation",
};
const OPTIONAL_FEATURES: Record<string, string> = {
  allowCustomDataForDataTypeAny:
    "hosts without CustomFunctionsRuntime 1.4 ignore it and pass plain values; src/functions/args.ts reads both shapes",
};

const API_SET = /\[\s*Api set:\s*([A-Za-z]+)\s+(\d+\.\d+)([^\]]*)\]/;
const REQUIREMENT_SET =
  /\*\*Requirement set\*\*:\s*(?:\{@link [^|}]*\|\s*)?([A-Za-z]+)\s+(\d+\.\d+)/;

function compareVersions(a: string, b: string): number {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

/** Sets and minimum versions declared in manifest.xml's <Requirements>. */
export function declaredSets(manifestXml: string): Record<string, string> {
  const requirements = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(manifestXml)?.[1] ?? "";
  const sets: Record<string, string> = {};
  for (const m of requirements.matchAll(/<Set\s+Name="([^"]+)"(?:\s+MinVersion="([^"]+)")?/g))
    sets[m[1]] = m[2] ?? "1.1";
  return sets;
}

function tagOf(declaration: ts.Declaration, isWrite: boolean): [string, string] | undefined {
  const text = declaration.getSourceFile().getFullText();
  const comments = ts.getLeadingCommentRanges(text, declaration.getFullStart()) ?? [];
  const doc = comments.map((c) => text.slice(c.pos, c.end)).join("\n");
  const api = API_SET.exec(doc);
  if (api) {
    const forSet = isWrite ? /(\d+\.\d+) for (?:set|setting)/.exec(api[3]) : null;
    return [api[1], forSet ? forSet[1] : api[2]];
  }
  const requirement = REQUIREMENT_SET.exec(doc);
  return requirement ? [requirement[1], requirement[2]] : undefined;
}

function isFromOfficeTypes(declaration: ts.Declaration): boolean {
  const file = declaration.getSourceFile().fileName.replace(/\\/g, "/");
  return /node_modules\/@types\/(office-js|custom-functions-runtime)\//.test(file);
}

/** Set checks made by a condition: calls with two string literals ("ExcelApi", "1.9"), not negated. */
function setChecksIn(condition: ts.Expression): { set: string; version: string }[] {
  const checks: { set: string; version: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken)
      return;
    if (ts.isCallExpression(node) && node.arguments.length >= 2) {
      const [name, version] = node.arguments;
      if (
        ts.isStringLiteral(name) &&
        ts.isStringLiteral(version) &&
        /^[A-Za-z]+$/.test(name.text) &&
        /^\d+\.\d+$/.test(version.text)
      )
        checks.push({ set: name.text, version: version.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(condition);
  return checks;
}

function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.some(exits);
}

/** The set checks that must have passed for `node` to run. */
function guardsOf(node: ts.Node): { set: string; version: string }[] {
  const guards: { set: string; version: string }[] = [];
  let child: ts.Node = node;
  let parent: ts.Node | undefined = node.parent;
  while (parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child)
      guards.push(...setChecksIn(parent.expression));
    else if (ts.isConditionalExpression(parent) && parent.whenTrue === child)
      guards.push(...setChecksIn(parent.condition));
    else if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      parent.right === child
    )
      guards.push(...setChecksIn(parent.left));
    else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      // if (!supports(...)) return; … the rest of the block runs only when the set exists.
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (
          ts.isIfStatement(statement) &&
          exits(statement.thenStatement) &&
          ts.isPrefixUnaryExpression(statement.expression) &&
          statement.expression.operator === ts.SyntaxKind.ExclamationToken
        )
          guards.push(...setChecksIn(statement.expression.operand));
      }
    }
    child = parent;
    parent = parent.parent;
  }
  return guards;
}

/** "Excel.Table.name" for a member declaration, from its enclosing interfaces, classes and namespaces. */
function qualifiedName(declaration: ts.Declaration): string {
  const parts: string[] = [];
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    const name = (node as { name?: ts.Node }).name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) parts.unshift(name.text);
  }
  return parts.join(".");
}

function isWriteTarget(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  );
}

/** Source files of the add-in and the CLI (tests and test support excluded). */
function sourceFiles(): string[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile)
    .config as object;
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  return parsed.fileNames.filter((file) => {
    const relative = path.relative(ROOT, file).replace(/\\/g, "/");
    return relative.startsWith("src/") && !/\.test\.tsx?$/.test(relative);
  });
}

/** Every Office API use in `files` (default: the add-in's sources), with its requirement set and guards. */
export function collectApiUses(files: readonly string[] = sourceFiles()): ApiUse[] {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile)
    .config as object;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const roots = new Set(files.map((f) => path.resolve(f)));
  const program = ts.createProgram([...roots], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];

  const recordOne = (nameNode: ts.Node, api: string, decl: ts.Declaration): void => {
    const tag = tagOf(decl, isWriteTarget(nameNode.parent)) ?? UNTAGGED[api];
    if (!tag) return;
    const file = nameNode.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(nameNode.getStart());
    uses.push({
      api,
      set: tag[0],
      version: tag[1],
      location: `${path.relative(ROOT, file.fileName).replace(/\\/g, "/")}:${line + 1}`,
      guards: guardsOf(nameNode),
    });
  };

  const record = (
    nameNode: ts.Node,
    symbol: ts.Symbol | undefined,
    declaration?: ts.Declaration
  ): void => {
    if (!symbol) return;
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const api = checker.getFullyQualifiedName(target).replace(/^"[^"]*"\./, "");
    if (!declaration && !api.includes(".")) {
      // A member of a union (Table.name | NamedItem.name): one use per declaring type.
      for (const decl of target.declarations ?? [])
        if (isFromOfficeTypes(decl)) recordOne(nameNode, qualifiedName(decl), decl);
      return;
    }
    const decl = declaration ?? target.valueDeclaration ?? target.declarations?.[0];
    if (decl && isFromOfficeTypes(decl)) recordOne(nameNode, api, decl);
  };

  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || !roots.has(path.resolve(file.fileName))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const call = ts.isCallExpression(node.parent) && node.parent.expression === node;
        const signature = call ? checker.getResolvedSignature(node.parent) : undefined;
        record(
          node.name,
          checker.getSymbolAtLocation(node.name),
          signature?.declaration as ts.Declaration
        );
      } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
        const literal = node.parent;
        if (ts.isObjectLiteralExpression(literal)) {
          const contextual = checker.getContextualType(literal);
          const property = contextual?.getProperty(node.name.getText());
          if (property) record(node.name, property);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return uses;
}

/** Whether a use is covered: the manifest declares enough, or a guard on its path checks enough. */
export function covered(use: ApiUse, declared: Record<string, string>): boolean {
  const minimum = declared[use.set];
  if (minimum && compareVersions(minimum, use.version) >= 0) return true;
  return use.guards.some((g) => g.set === use.set && compareVersions(g.version, use.version) >= 0);
}

/** The custom-functions runtime features the generated metadata needs. */
export function functionFeatures(metadata: {
  allowCustomDataForDataTypeAny?: boolean;
  functions: { options?: Record<string, unknown> }[];
}): FunctionFeature[] {
  const typesText = readFileSync(
    path.join(ROOT, "node_modules/@types/custom-functions-runtime/index.d.ts"),
    "utf8"
  );
  const versionOfMember = (member: string): string => {
    const [, ...parts] = member.split(".");
    const name = parts[parts.length - 1];
    const at = typesText.search(new RegExp(`\\b(interface ${name}\\b|${name}\\??:)`));
    const before = typesText.slice(Math.max(0, at - 1500), at);
    const tags = [...before.matchAll(/\[Api set: CustomFunctionsRuntime (\d+\.\d+)\]/g)];
    return tags.length > 0 ? tags[tags.length - 1][1] : "1.1";
  };
  const features: FunctionFeature[] = [];
  if (metadata.allowCustomDataForDataTypeAny)
    features.push({
      feature: "allowCustomDataForDataTypeAny",
      set: "CustomFunctionsRuntime",
      version: "1.4",
      optional: OPTIONAL_FEATURES.allowCustomDataForDataTypeAny,
    });
  const options = new Set(metadata.functions.flatMap((f) => Object.keys(f.options ?? {})));
  for (const option of [...options].sort()) {
    const member = OPTION_MEMBERS[option];
    if (member && metadata.functions.some((f) => f.options?.[option] === true))
      features.push({
        feature: `options.${option}`,
        set: "CustomFunctionsRuntime",
        version: versionOfMember(member),
      });
  }
  return features;
}

export function checkApiSets(metadata: Parameters<typeof functionFeatures>[0]): ApiSetReport {
  const declared = declaredSets(readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));
  const uses = collectApiUses();
  const violations = uses.filter((use) => !covered(use, declared));
  const featuresNeeded = functionFeatures(metadata);
  const featureViolations = featuresNeeded.filter((f) => {
    const minimum = declared[f.set];
    return !f.optional && !(minimum && compareVersions(minimum, f.version) >= 0);
  });
  return { declared, uses, violations, functionFeatures: featuresNeeded, featureViolations };
}

/** README's requirement-set table, generated from the report. */
export function requirementSetTable(report: ApiSetReport): string {
  const groups = new Map<
    string,
    { set: string; version: string; apis: Set<string>; optional: boolean }
  >();
  for (const use of report.uses) {
    const key = `${use.set} ${use.version}`;
    const minimum = report.declared[use.set];
    const required = minimum !== undefined && compareVersions(minimum, use.version) >= 0;
    const group = groups.get(key) ?? {
      set: use.set,
      version: use.version,
      apis: new Set(),
      optional: !required,
    };
    group.apis.add(use.api.replace(/^(Excel|Office|CustomFunctions)\./, ""));
    groups.set(key, group);
  }
  for (const feature of report.functionFeatures) {
    const key = `${feature.set} ${feature.version}`;
    const minimum = report.declared[feature.set];
    const required = minimum !== undefined && compareVersions(minimum, feature.version) >= 0;
    const group = groups.get(key) ?? {
      set: feature.set,
      version: feature.version,
      apis: new Set(),
      optional: !required,
    };
    group.apis.add(`functions.json ${feature.feature}`);
    groups.set(key, group);
  }
  for (const [set, version] of Object.entries(report.declared)) {
    const key = `${set} ${version}`;
    if (!groups.has(key)) groups.set(key, { set, version, apis: new Set(), optional: false });
  }
  const rows = [...groups.values()].sort(
    (a, b) => a.set.localeCompare(b.set) || compareVersions(a.version, b.version)
  );
  const manifestRow = (set: string, version: string): string =>
    report.declared[set] === version ? " — declared in the manifest" : "";
  const optionalText = (set: string): string =>
    set === "CustomFunctionsRuntime"
      ? "optional: older hosts ignore it"
      : "optional: used only after isSetSupported";
  return [
    "| set | status | APIs the code uses from it |",
    "|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.set} ${r.version} | ${r.optional ? optionalText(r.set) : `required${manifestRow(r.set, r.version)}`} | ${
          r.apis.size === 0
            ? "none called directly (the manifest needs it)"
            : [...r.apis]
                .sort()
                .map((a) => `\`${a}\``)
                .join(", ")
        } |`
    ),
  ].join("\n");
}

export const README_START =
  "<!-- requirement-sets:start (generated by scripts/check-api-sets.ts --readme) -->";
export const README_END = "<!-- requirement-sets:end -->";

export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error("README.md has no requirement-set markers.");
  return `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`;
}

async function main(): Promise<void> {
  const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
  const generated = await generateCustomFunctionsMetadata(
    ["src/functions/analytics.ts", "src/functions/reference.ts"].map((f) => path.join(ROOT, f)),
    false
  );
  const report = checkApiSets(JSON.parse(generated.metadataJson));
  for (const use of report.uses)
    console.log(
      `${use.set} ${use.version}\t${use.api}\t${use.location}${use.guards.length ? "\tguarded" : ""}`
    );
  for (const f of report.functionFeatures)
    console.log(
      `${f.set} ${f.version}\tfunctions.json ${f.feature}${f.optional ? `\toptional: ${f.optional}` : ""}`
    );
  if (process.argv.includes("--readme")) {
    const readmePath = path.join(ROOT, "README.md");
    writeFileSync(
      readmePath,
      withTable(readFileSync(readmePath, "utf8"), requirementSetTable(report))
    );
  }
  for (const v of [...report.violations, ...report.featureViolations])
    console.error(`NOT COVERED: ${JSON.stringify(v)}`);
  if (report.violations.length + report.featureViolations.length > 0) process.exitCode = 1;
}

if (require.main === module) void main();
