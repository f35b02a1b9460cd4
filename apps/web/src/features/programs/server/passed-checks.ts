import { createHash } from "node:crypto";

/** What the static check reads: the same three always get the same answer. */
export interface CheckedCode {
  readonly language: string;
  readonly functionName: string;
  readonly source: string;
}

/** What `createPassedChecks` returns. */
export interface PassedChecks {
  /** Whether this exact code passed the check before (and is still remembered). */
  has(code: CheckedCode): boolean;
  /** Remembers that this exact code passed. */
  add(code: CheckedCode): void;
}

/**
 * A per-process memory of code that passed the runner's static check, by a hash of language,
 * function name and source (the check reads nothing else: it compiles the code and looks for the
 * function), so saving code that already passed (a re-save, a revert to an earlier version)
 * skips the worker round trip. Only passes are kept: failing code is always checked again. At
 * most `max` entries, least recently used go first.
 *
 * @example
 * const passed = createPassedChecks(2000);
 * if (!passed.has(code)) { await check(code); passed.add(code); }
 */
export function createPassedChecks(max: number): PassedChecks {
  if (!Number.isInteger(max) || max < 1) throw new Error(`createPassedChecks needs a positive whole number of entries, got ${max}`);
  const keys = new Set<string>();
  const keyOf = (code: CheckedCode) =>
    createHash("sha256")
      .update(JSON.stringify([code.language, code.functionName, code.source]))
      .digest("base64url");
  return {
    has(code) {
      const key = keyOf(code);
      if (!keys.has(key)) return false;
      keys.delete(key);
      keys.add(key);
      return true;
    },
    add(code) {
      const key = keyOf(code);
      keys.delete(key);
      keys.add(key);
      if (keys.size > max) keys.delete(keys.values().next().value!);
    },
  };
}
