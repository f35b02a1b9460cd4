import { EngineError } from "../errors/engine-error";
import { MAX_MULTI_LABEL_CLASSES } from "./multi-label-votes";
import { goldSetMask } from "./gold-set-mask";

/**
 * The name of every class set of a multi-label task, indexed by its bitmask (the vote codes of
 * `voteCodeCount(k, true)`): the classes joined with `|`, "(none)" for the empty set. Pages name
 * stored multi-label votes and gold with it.
 *
 * @example
 * classSetNames(["sports", "politics", "tech"]); // ["(none)", "sports", "politics", "sports|politics", "tech", ...]
 */
export function classSetNames(classNames: readonly string[]): string[] {
  const k = classNames.length;
  if (k < 1 || k > MAX_MULTI_LABEL_CLASSES) throw new EngineError("INVALID_ARGUMENT", `class set names need 1..${MAX_MULTI_LABEL_CLASSES} classes, got ${k}`);
  return Array.from({ length: 2 ** k }, (_, mask) =>
    mask === 0
      ? "(none)"
      : goldSetMask
          .toSet(mask, k)
          .map((c) => classNames[c]!)
          .join("|"),
  );
}
