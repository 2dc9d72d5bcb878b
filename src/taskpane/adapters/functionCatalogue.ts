/**
 * The function reference is built from the generated custom-functions metadata (dist/functions.json,
 * written by custom-functions-metadata-plugin from the functions' JSDoc), so the pane never carries a
 * hand-copied list that could drift from what Excel registers.
 */
import type { FunctionInfo } from "../paneActions";

/** The parts of functions.json the pane reads (see Microsoft's custom functions JSON metadata schema). */
export interface FunctionsMetadata {
  functions: {
    id: string;
    name: string;
    description?: string;
    helpUrl?: string;
    parameters?: { name: string; description?: string; optional?: boolean; repeating?: boolean }[];
  }[];
}

/** The namespace the manifest gives the functions; functions.json holds names without it. */
export const FUNCTION_NAMESPACE = "BENCH";

/** A formula written in the description, e.g. "... Example: =BENCH.ROI({120,80},{150})." */
const EXAMPLE_IN_TEXT = /=BENCH\.[A-Z0-9_.]+\((?:[^()"]|"[^"]*"|\([^()]*\))*\)/i;

/**
 * Arguments of a working example per function id (the metadata has descriptions but no examples), so
 * "Insert example" puts a formula into the cell that computes at once; test/taskpane checks that each
 * one evaluates without an error. Ids without an entry fall back to the named arguments.
 */
export const EXAMPLE_ARGUMENTS: Readonly<Record<string, string>> = {
  ROI: "{120000,80000},{150000}",
  NPV: "0.08,{-100000,30000,40000,50000}",
  IRR: "{-100000,30000,40000,50000}",
  PAYBACK: "{-100000,30000,40000,50000}",
  CHANGE: "0.62,0.7",
  BENEFIT: "0.62,0.7,1200,85,0.6,0.8",
  BEFOREAFTER: "{12,14,11,13,12},{15,16,14,17,15}",
  ROISIM: "80000,120000,160000,90000,100000,130000",
  CASESIM:
    "{30000,36000;2000,2500;18000,18000;8000,9000},{0.6,1.2;0.85,1.1;0.8,1.25;0.95,1.3;0.9,1.2},10000,1",
  PEERRANK: "0.35,{0.2,0.3,0.4,0.5}",
  FIT: "{4,3,5},{0.5,0.3,0.2}",
  // Reciprocals that are exact short decimals (1/2, 1/4, 1/5), so the example reads as typed.
  AHPWEIGHTS: "{1,2,5;0.5,1,2;0.2,0.5,1}",
  AHPCR: "{1,2,4;0.5,1,4;0.25,0.25,1}",
  METRIC: '"Restaurants","Customer retention rate","p75"',
  PERCENTILE: '0.35,"Retail","Gross margin"',
  GAP: '0.35,"Retail","Gross margin","p75"',
  INDUSTRIES: "",
  METRICS: '"Retail"',
  PRACTICES: '"Restaurants","customer loyalty"',
  SIMILARITY: '"Retail","E-commerce"',
};

/**
 * The example for a function: a formula its description shows, else the known working example for its
 * id, else the call with its required arguments named for the user to replace.
 */
export function exampleFormula(
  name: string,
  description: string,
  parameters: { name: string; optional?: boolean }[],
  id?: string
): string {
  const shown = EXAMPLE_IN_TEXT.exec(description);
  if (shown) return shown[0];
  const known = id !== undefined ? EXAMPLE_ARGUMENTS[id.toUpperCase()] : undefined;
  if (known !== undefined) return `=${name}(${known})`;
  const required = parameters.filter((p) => !p.optional).map((p) => p.name);
  return `=${name}(${required.join(", ")})`;
}

/**
 * The list's order: by the task a user comes with, the business case first, then benchmarking, then
 * practices and fit. Functions not listed here follow, alphabetically.
 */
export const FUNCTION_TASKS: readonly { task: string; ids: readonly string[] }[] = [
  {
    task: "Business case",
    ids: ["ROI", "NPV", "IRR", "PAYBACK", "BENEFIT", "CHANGE", "BEFOREAFTER", "ROISIM", "CASESIM"],
  },
  {
    task: "Benchmarks",
    ids: ["METRIC", "PERCENTILE", "GAP", "PEERRANK", "SIMILARITY", "INDUSTRIES", "METRICS"],
  },
  { task: "Practices and fit", ids: ["PRACTICES", "FIT", "AHPWEIGHTS", "AHPCR"] },
];

const TASK_POSITION = new Map(
  FUNCTION_TASKS.flatMap(({ task, ids }) => ids.map((id) => [id, { task }] as const)).map(
    ([id, value], position) => [id, { ...value, position }]
  )
);

/** The task a function belongs to ("Other" when unlisted) and its place in the list. */
function taskOf(id: string): { task: string; position: number } {
  return TASK_POSITION.get(id.toUpperCase()) ?? { task: "Other", position: Infinity };
}

export function functionCatalogue(metadata: FunctionsMetadata): FunctionInfo[] {
  if (!metadata || !Array.isArray(metadata.functions))
    throw new Error("functions.json has no function list.");
  return metadata.functions
    .map((fn) => {
      const name = `${FUNCTION_NAMESPACE}.${fn.name}`;
      const description = fn.description ?? "";
      const parameters = fn.parameters ?? [];
      return {
        name,
        description,
        parameters: parameters.map((p) => ({
          name: p.name,
          description: p.description ?? "",
          optional: p.optional === true,
        })),
        example: exampleFormula(name, description, parameters, fn.id),
        task: taskOf(fn.id).task,
        ...(fn.helpUrl ? { helpUrl: fn.helpUrl } : {}),
        position: taskOf(fn.id).position,
      };
    })
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
    .map((info) => {
      const listed: FunctionInfo & { position?: number } = { ...info };
      delete listed.position;
      return listed;
    });
}
