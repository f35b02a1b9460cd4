import { EngineError, isEngineError } from "../errors/engine-error";
import { meteredProvider } from "../llm/metered-provider";
import { buildProgramPrompt } from "../prompts/build-program-prompt";
import { scorePrompt } from "../prompts/image-prompts";
import { infoRequestPrompt, infoTitle } from "../prompts/info-request-prompt";
import type { InfoKind, SupplementaryItem } from "../prompts/supplementary-info";
import { callModel } from "./call-model";
import { localSupplementary } from "./gather-supplementary";
import type { GeneratedProgram, GenerateOptions, GenerationAttempt, GenerationResult } from "./generation-types";
import { repairLoop } from "./repair-loop";
import { validateProgram } from "./validate-program";
import { validationSample } from "./validation-sample";

export type * from "./generation-types";

function guard(o: GenerateOptions): void {
  const fail = (m: string): never => {
    throw new EngineError("INVALID_ARGUMENT", `generatePrograms: ${m}`);
  };
  if (!Number.isInteger(o.n) || o.n < 1) fail(`n must be a positive integer, got ${o.n}`);
  if (o.completions !== undefined && (!Number.isInteger(o.completions) || o.completions < 1))
    fail(`completions must be a positive integer, got ${o.completions}`);
  if (o.repairRounds !== undefined && (!Number.isInteger(o.repairRounds) || o.repairRounds < 0))
    fail(`repairRounds must be an integer >= 0, got ${o.repairRounds}`);
  for (const t of o.temperatures ?? []) if (!(t >= 0 && t <= 2)) fail(`temperature must be in 0..2, got ${t}`);
  if (o.model.trim() === "") fail("model is empty");
}

/**
 * The paper's generation step: one prompt per program (mixing supplementary-info kinds and
 * temperatures), each answer extracted, validated in the sandbox and, when rejected, sent back
 * with the error for up to `repairRounds` fixes. API calls scale with programs, never rows.
 * Every call is kept as an attempt with its provenance and cost; the budget stops generation.
 *
 * @example
 * const result = await generatePrograms({ task, rows: dataset.rows, provider, model: "gpt-4o-mini", runner, ledger, n: 10, seed: 42 });
 * result.programs; // accepted programs, result.attempts: every call, result.ledger: tokens and $
 */
export async function generatePrograms(o: GenerateOptions): Promise<GenerationResult> {
  guard(o);
  const provider = meteredProvider(o.provider, o.ledger, o.concurrency ?? 4);
  const language = o.language ?? o.task.language;
  const task = { ...o.task, language };
  const temperatures = o.temperatures?.length ? o.temperatures : [0.7];
  const kinds: readonly (InfoKind | null)[] = o.infoKinds?.length ? o.infoKinds : [null];
  const maxTokens = o.maxTokens ?? 1500;
  const rounds = o.repairRounds ?? 2;
  const classNames = task.classes.map((c) => c.name);
  const sample = validationSample(o.rows, task, { size: o.sampleSize ?? 200, seed: o.seed });
  const attempts: GenerationAttempt[] = [];
  const stage1 = new Map<InfoKind, Promise<SupplementaryItem>>();
  let stoppedBy: "budget" | undefined;
  let done = 0;
  const signal = o.signal ? { signal: o.signal } : {};

  const supplementaryFor = async (kind: InfoKind | null, slot: number): Promise<SupplementaryItem[]> => {
    if (kind === null) return [];
    const local = localSupplementary(kind, { ...o, task, slot });
    if (local || kind === "retrieval") return local ? [local] : [];
    if (!stage1.has(kind)) {
      stage1.set(
        kind,
        (async () => {
          const messages = [{ role: "user" as const, content: infoRequestPrompt(task, kind) }];
          const attempt = await callModel(provider, {
            id: `info-${kind}`,
            kind: "info",
            slot: -1,
            round: 0,
            parent: null,
            model: o.model,
            temperature: 0.7,
            maxTokens,
            sampleIndex: 0,
            system: "",
            messages,
            supplementary: [],
            ...signal,
          });
          attempts.push(attempt);
          return { kind, title: infoTitle(kind), text: attempt.response, source: `llm:${attempt.id}` };
        })(),
      );
    }
    return [await stage1.get(kind)!];
  };

  const completions = o.completions ?? 1;
  const total = o.n * completions;
  const runSlot = async (slot: number): Promise<GeneratedProgram | undefined> => {
    // self-consistency: the completions of one prompt share its kind, temperature, exemplars and focus
    const p = Math.floor(slot / completions);
    const kind = kinds[p % kinds.length]!;
    const temperature = temperatures[p % temperatures.length]!;
    const focus = o.focus?.(p);
    const supplementary = [...(await supplementaryFor(kind, p)), ...(focus?.items ?? [])];
    const prompt = buildProgramPrompt({
      task,
      language,
      supplementary,
      ...(o.template ? { template: o.template } : {}),
      ...(o.concepts ? { inputType: "scores" as const } : {}),
    });
    const user = o.concepts ? scorePrompt(o.concepts, classNames, language, task.functionName) : prompt.user;
    const used = supplementary.map(({ kind: k, title, source }) => ({ kind: k, title, source }));
    const name = `${o.namePrefix ?? ""}gen_${String(slot + 1).padStart(2, "0")}_${focus?.focus ?? kind ?? "plain"}`;
    const id = (round: number): string => `p${String(slot).padStart(2, "0")}-r${round}`;
    let call: Awaited<ReturnType<typeof callModel>> | undefined;
    const { accepted } = await repairLoop({
      first: user,
      rounds,
      language,
      functionName: task.functionName,
      // a name per attempt: runners may key loaded programs by name, and each attempt is new code
      name: (round) => `${name}_${id(round).replace("-", "_")}`,
      ask: async (messages, round) => {
        call = await callModel(provider, {
          id: id(round),
          kind: "program",
          slot,
          round,
          parent: round > 0 ? id(round - 1) : null,
          model: o.model,
          temperature,
          maxTokens,
          sampleIndex: slot,
          system: prompt.system,
          messages,
          supplementary: used,
          ...signal,
        });
        return call.response;
      },
      validate: (program) => validateProgram(program, o.runner, sample, classNames, o.validation, o.signal),
      onRound: ({ code, fenced, verdict }) => {
        attempts.push({ ...call!, code, fenced, verdict });
        done += 1;
        o.onProgress?.({ done, total, attempt: attempts.at(-1)! });
      },
      ...signal,
    });
    if (!accepted) return undefined;
    const program = { name, language, source: accepted.program.source, functionName: task.functionName };
    return {
      ...program,
      description: `${kind ?? "plain"} prompt${focus ? ` aimed at ${focus.focus}` : ""}${completions > 1 ? `, completion ${(slot % completions) + 1} of ${completions}` : ""}, temperature ${temperature}, ${o.model}${accepted.round > 0 ? `, repaired ${accepted.round}x` : ""}`,
      attemptId: id(accepted.round),
    };
  };

  const settled = await Promise.allSettled(Array.from({ length: total }, (_, slot) => runSlot(slot)));
  const programs: GeneratedProgram[] = [];
  for (const s of settled) {
    if (s.status === "fulfilled") {
      if (s.value) programs.push(s.value);
    } else if (isEngineError(s.reason) && s.reason.code === "BUDGET_EXCEEDED") stoppedBy = "budget";
    else throw s.reason;
  }
  attempts.sort((a, b) => a.slot - b.slot || a.round - b.round);
  return { programs, attempts, ledger: o.ledger.totals(), failedSlots: total - programs.length, ...(stoppedBy ? { stoppedBy } : {}) };
}
