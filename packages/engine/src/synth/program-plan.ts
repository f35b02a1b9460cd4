import { REGEX_FAMILIES, type RegexFamily } from "./cue-families";
import type { Evidence } from "./score-cues";
import type { Heuristic } from "./text-cues";

/** What one synthesized program checks; it votes `cls` when the check passes, else abstains. */
export type ProgramPlan =
  | { readonly kind: "keywords"; readonly cls: number; readonly terms: readonly string[] }
  | { readonly kind: "regex"; readonly cls: number; readonly family: RegexFamily }
  | { readonly kind: "heuristic"; readonly cls: number; readonly heuristic: Heuristic };

export interface PlannedProgram {
  readonly plan: ProgramPlan;
  /** Cue indices (into the cue table) whose union is the program's firing set. */
  readonly cues: readonly number[];
  readonly evidence: Evidence;
}

/** The plan of a single non-keyword cue id (`re:*`, `h:*`), or null for words. */
export function singleCuePlan(id: string, cls: number): ProgramPlan | null {
  if (id.startsWith("re:")) {
    const family = REGEX_FAMILIES.find((f) => f.id === id.slice(3));
    return family ? { kind: "regex", cls, family } : null;
  }
  const match = /^h:(words|digits|upper)_(le|ge)_([0-9.]+)$/.exec(id);
  if (!match) return null;
  const heuristic: Heuristic = { stat: match[1] as Heuristic["stat"], op: match[2] as Heuristic["op"], threshold: Number(match[3]) };
  return { kind: "heuristic", cls, heuristic };
}

const STAT_WORDS = { words: "word count", digits: "share of digits", upper: "share of upper-case letters" };

/** A one-line, human-readable account of what the plan detects. */
export function describePlan(plan: ProgramPlan, className: string): string {
  switch (plan.kind) {
    case "keywords":
      return `${className}: mentions any of ${plan.terms.map((t) => `"${t}"`).join(", ")}`;
    case "regex":
      return `${className}: contains ${plan.family.what}`;
    case "heuristic": {
      const h = plan.heuristic;
      return `${className}: has ${STAT_WORDS[h.stat]} ${h.op === "le" ? "<=" : ">="} ${h.threshold}`;
    }
  }
}

/** A readable identifier stem such as `kw_spam_free_prize`, `re_spam_money`, `len_ham_short`. */
export function planStem(plan: ProgramPlan, className: string): string {
  const cls =
    className
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || `class${plan.cls}`;
  const slug = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "");
  switch (plan.kind) {
    case "keywords":
      return `kw_${cls}_${plan.terms.slice(0, 3).map(slug).filter(Boolean).join("_")}`;
    case "regex":
      return `re_${cls}_${plan.family.id}`;
    case "heuristic": {
      const h = plan.heuristic;
      if (h.stat === "words") return `len_${cls}_${h.op === "le" ? "short" : "long"}`;
      return `${h.stat}_${cls}_${h.op === "le" ? "low" : "high"}`;
    }
  }
}
