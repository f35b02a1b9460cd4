import type { DataRow } from "../core/dataset";
import type { TaskSpec } from "../core/task";
import type { Passage } from "../prompts/bm25-index";
import { retrievePassages, taskRetrievalQuery } from "../retrieval/retrieve-passages";
import { infoTitle } from "../prompts/info-request-prompt";
import { renderExemplars, sampleExemplars } from "../prompts/sample-exemplars";
import type { InfoKind, SupplementaryItem } from "../prompts/supplementary-info";

/**
 * Supplementary items that need no model call: user-written info, class descriptions from the
 * task, exemplars sampled from dev (seeded per slot, so programs see different examples) and
 * BM25 passages from the user's documents. Returns `undefined` when stage 1 must ask the model.
 *
 * @example
 * localSupplementary("examples", { task, rows, seed: 42, slot: 3 }); // { kind: "examples", title: "Labeled examples", ... }
 */
export function localSupplementary(
  kind: InfoKind,
  o: {
    task: TaskSpec;
    rows: readonly DataRow[];
    seed: number;
    slot: number;
    userInfo?: Partial<Record<InfoKind, string>>;
    documents?: readonly Passage[];
    exemplarsPerClass?: number;
    twoStage?: boolean;
  },
): SupplementaryItem | undefined {
  const user = o.userInfo?.[kind];
  if (user !== undefined && user.trim() !== "") return { kind, title: infoTitle(kind), text: user, source: "user" };
  if (kind === "retrieval") {
    if (!o.documents || o.documents.length === 0) return undefined;
    const hits = retrievePassages(o.documents, taskRetrievalQuery(o.task), { limit: 3 });
    if (hits.length === 0) return undefined;
    return { kind, title: infoTitle(kind), text: hits.map((h) => `[${h.source}] ${h.text}`).join("\n\n"), source: hits.map((h) => h.id).join(",") };
  }
  if (o.twoStage) return undefined;
  if (kind === "descriptions") {
    const text = [o.task.description, ...o.task.classes.map((c, i) => `${i}: ${c.name} - ${c.description || "(no description)"}`)].join("\n");
    return { kind, title: infoTitle(kind), text, source: "task" };
  }
  if (kind === "examples") {
    const exemplars = sampleExemplars(o.rows, o.task, { perClass: o.exemplarsPerClass ?? 3, seed: o.seed + o.slot });
    if (exemplars.length === 0) return undefined;
    return { kind, title: infoTitle(kind), text: renderExemplars(exemplars, o.task), source: "dev-sample" };
  }
  return undefined;
}
