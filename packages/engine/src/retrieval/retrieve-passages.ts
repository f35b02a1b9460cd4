import type { TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import { Bm25Index, type Passage, type ScoredPassage } from "../prompts/bm25-index";

/**
 * The query a task's program prompt retrieves with: its description plus every class name and
 * description (what a program must tell apart), optionally extra terms (e.g. keywords).
 *
 * @example
 * taskRetrievalQuery(task); // "Label SMS text messages as spam or ham. ham personal messages spam ads"
 */
export function taskRetrievalQuery(task: TaskSpec, extra = ""): string {
  return [task.description, ...task.classes.flatMap((c) => [c.name, c.description]), extra].filter((s) => s && s.trim() !== "").join(" ");
}

/**
 * The best BM25 passages for `query`, at most `limit` and at most `maxChars` characters in all
 * (the best passage is always kept, clipped), skipping near-duplicates from overlapping chunks
 * (a passage whose text is contained in one already taken).
 *
 * @example
 * retrievePassages(chunkDocument(guide, "guide.md"), taskRetrievalQuery(task), { limit: 3 });
 */
export function retrievePassages(passages: readonly Passage[], query: string, o: { limit?: number; maxChars?: number } = {}): ScoredPassage[] {
  const limit = o.limit ?? 3;
  const maxChars = o.maxChars ?? 4000;
  if (!Number.isInteger(limit) || limit < 1) throw new EngineError("INVALID_ARGUMENT", `limit must be a positive integer, got ${limit}`);
  if (!(maxChars >= 100)) throw new EngineError("INVALID_ARGUMENT", `maxChars must be >= 100, got ${maxChars}`);
  if (passages.length === 0) return [];
  const ranked = new Bm25Index(passages).search(query, Math.min(passages.length, limit * 4));
  const out: ScoredPassage[] = [];
  let used = 0;
  for (const p of ranked) {
    if (out.length >= limit) break;
    if (out.some((q) => q.text.includes(p.text))) continue;
    if (out.length > 0 && used + p.text.length > maxChars) break;
    const text = p.text.length > maxChars ? `${p.text.slice(0, maxChars)}...` : p.text;
    out.push({ ...p, text });
    used += text.length;
  }
  return out;
}
