import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { GenerationResult } from "@alchemist/engine";

/** What `generation.json` records besides the attempts. */
export interface GenerationMeta {
  readonly provider: string;
  readonly model: string;
  readonly pricesAsOf: string;
  readonly task: string;
  readonly zeroShotEstimate?: unknown;
  readonly comparison?: string;
}

/**
 * The generation record: `generation.json` (provenance of every program, attempts without raw
 * bodies, ledger) and `attempts.jsonl` (one full attempt per line, raw responses included).
 *
 * @example
 * generationRecord(result, meta); // { summary, attemptsJsonl }
 */
export function generationRecord(result: GenerationResult, meta: GenerationMeta): { summary: unknown; attemptsJsonl: string } {
  const summary = {
    ...meta,
    ledger: result.ledger,
    failedSlots: result.failedSlots,
    ...(result.stoppedBy ? { stoppedBy: result.stoppedBy } : {}),
    programs: result.programs.map((p) => ({ name: p.name, language: p.language, description: p.description, attemptId: p.attemptId })),
    attempts: result.attempts.map(({ raw: _raw, ...a }) => a),
  };
  return { summary, attemptsJsonl: result.attempts.map((a) => JSON.stringify(a)).join("\n") + (result.attempts.length ? "\n" : "") };
}

/**
 * `alchemist generate`'s output folder, written atomically (temp folder + rename):
 * `programs/<name>.py|js`, `generation.json`, `attempts.jsonl`.
 *
 * @example
 * await writeGenerationFolder("gen/", result, meta);
 */
export async function writeGenerationFolder(out: string, result: GenerationResult, meta: GenerationMeta): Promise<void> {
  const temp = join(dirname(out), `.${out.split("/").filter(Boolean).at(-1) ?? "gen"}.tmp-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(join(temp, "programs"), { recursive: true });
  try {
    for (const p of result.programs) await writeFile(join(temp, "programs", `${p.name}.${p.language === "python" ? "py" : "js"}`), p.source);
    const { summary, attemptsJsonl } = generationRecord(result, meta);
    await writeFile(join(temp, "generation.json"), `${JSON.stringify(summary, null, 2)}\n`);
    await writeFile(join(temp, "attempts.jsonl"), attemptsJsonl);
    await rm(out, { recursive: true, force: true });
    await rename(temp, out);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Adds `generation/generation.json` and `generation/attempts.jsonl` to a finished run folder.
 *
 * @example
 * await writeGenerationRecord("out", result, meta);
 */
export async function writeGenerationRecord(out: string, result: GenerationResult, meta: GenerationMeta): Promise<void> {
  const { summary, attemptsJsonl } = generationRecord(result, meta);
  await mkdir(join(out, "generation"), { recursive: true });
  await writeFile(join(out, "generation", "generation.json"), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(join(out, "generation", "attempts.jsonl"), attemptsJsonl);
}
