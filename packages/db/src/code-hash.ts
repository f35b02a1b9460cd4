import { createHash } from "node:crypto";
import type { ProgramLanguage } from "./generated/prisma/enums";

/**
 * The identity of a program's behaviour: sha256 (hex) of `language \0 functionName \0 source`.
 * Votes are stored by this hash, so re-saving unchanged code never re-runs it.
 *
 * @example
 * codeHash("PYTHON", "label_function", "def label_function(x):\n    return -1\n") // "3f2a..."
 */
export function codeHash(language: ProgramLanguage, functionName: string, source: string): string {
  if (!functionName) throw new Error("codeHash: functionName is empty");
  return createHash("sha256").update(`${language}\0${functionName}\0${source}`, "utf8").digest("hex");
}
