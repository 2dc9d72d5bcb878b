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
 * The example for a function: the formula its description shows when it has one (the functions'
 * authors write working examples there), else the call with its required arguments named, for the user
 * to replace.
 */
export function exampleFormula(
  name: string,
  description: string,
  parameters: { name: string; optional?: boolean }[]
): string {
  const shown = EXAMPLE_IN_TEXT.exec(description);
  if (shown) return shown[0];
  const required = parameters.filter((p) => !p.optional).map((p) => p.name);
  return `=${name}(${required.join(", ")})`;
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
        example: exampleFormula(name, description, parameters),
        ...(fn.helpUrl ? { helpUrl: fn.helpUrl } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
