import "server-only";
import { getPrisma, getProgramRefinement, listProgramRefinements } from "@alchemist/db";
import { AppError } from "@/lib/app-error";
import type { RefineMetrics } from "@alchemist/jobs";

/** Where one version came from, as the provenance panel shows it. */
export interface ProvenanceView {
  readonly version: number;
  readonly kind: string;
  readonly createdAt: string;
  /** The signed-in user who saved or asked for it (name or e-mail), else the generator ("llm:openai/gpt-4o-mini"). */
  readonly author: string | null;
  readonly parent: number | null;
  readonly instruction: string | null;
  readonly provider: string | null;
  readonly model: string | null;
  readonly costUsd: number | null;
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  readonly prompt: string | null;
  readonly system: string | null;
  readonly description: string | null;
  readonly generationRequestId: string | null;
}

/** The newest "ask the LLM to change this program" request of a program. */
export interface RefinementView {
  readonly id: string;
  readonly status: string;
  readonly instruction: string;
  readonly provider: string;
  readonly model: string;
  readonly costUsd: number;
  readonly error: string | null;
  readonly createdAt: string;
  readonly base: { version: number; source: string } | null;
  readonly candidate: { version: number; source: string } | null;
  readonly metrics: RefineMetrics | null;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * The provenance panel's view of one version: kind, author, parent, instruction, model, provider,
 * cost, tokens and the exact prompt (from the version's provenance, else from its generation
 * request's attempt).
 *
 * @example
 * const view = await getProvenance(programId, 2);
 */
export async function getProvenance(programId: string, version: number): Promise<ProvenanceView | null> {
  const db = getPrisma();
  const v = await db.programVersion.findUnique({
    where: { programId_version: { programId, version } },
    select: { version: true, createdAt: true, provenance: true },
  });
  if (!v) return null;
  const p = (v.provenance ?? {}) as Record<string, unknown>;
  const userId = str(p.userId);
  const user = userId ? await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true } }) : null;
  const generationRequestId = str(p.generationRequestId);
  let prompt = str(p.prompt);
  if (!prompt && generationRequestId) {
    // versions stored before prompts were copied into provenance: read the request's attempt
    const request = await db.generationRequest.findUnique({ where: { id: generationRequestId }, select: { attempts: true } });
    const attempt = ((request?.attempts ?? []) as Record<string, unknown>[]).find((a) => a.id === p.attemptId);
    prompt = str(attempt?.prompt);
  }
  return {
    version: v.version,
    kind: str(p.kind) ?? "user",
    createdAt: v.createdAt.toISOString(),
    author: user ? user.name || user.email : (userId ?? str(p.author)),
    parent: num(p.parent),
    instruction: str(p.instruction),
    provider: str(p.provider),
    model: str(p.model),
    costUsd: num(p.costUsd),
    inputTokens: num(p.inputTokens),
    outputTokens: num(p.outputTokens),
    prompt,
    system: str(p.system),
    description: str(p.description),
    generationRequestId,
  };
}

/**
 * The newest refinement of a program with the base and candidate sources for its diff.
 *
 * @example
 * const refinement = await getLatestRefinement(programId);
 */
export async function getLatestRefinement(programId: string): Promise<RefinementView | null> {
  const [r] = await listProgramRefinements(getPrisma(), programId, 1);
  return r ? refinementView(r) : null;
}

/**
 * One refinement of a program of the project; 404 when it belongs elsewhere.
 *
 * @example
 * const view = await getRefinement(projectId, programId, refinementId);
 */
export async function getRefinement(projectId: string, programId: string, refinementId: string): Promise<RefinementView> {
  const r = await getProgramRefinement(getPrisma(), refinementId);
  if (!r || r.projectId !== projectId || r.programId !== programId)
    throw new AppError("NOT_FOUND", `change request ${refinementId} does not exist for this program`);
  return refinementView(r);
}

async function refinementView(r: NonNullable<Awaited<ReturnType<typeof getProgramRefinement>>>): Promise<RefinementView> {
  const db = getPrisma();
  const programId = r.programId;
  const ids = [r.baseVersionId, r.candidateVersionId].filter((id): id is string => id !== null);
  const versions = await db.programVersion.findMany({ where: { id: { in: ids }, programId }, select: { id: true, version: true, source: true } });
  const pick = (id: string | null) => {
    const found = versions.find((x) => x.id === id);
    return found ? { version: found.version, source: found.source } : null;
  };
  return {
    id: r.id,
    status: r.status,
    instruction: r.instruction,
    provider: r.provider,
    model: r.model,
    costUsd: r.costUsd,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    base: pick(r.baseVersionId),
    candidate: pick(r.candidateVersionId),
    metrics: (r.metrics as RefineMetrics | null) ?? null,
  };
}

/**
 * The provider and model a refinement defaults to: the shown version's own, else the project's
 * newest LLM generation request's, else OpenAI's gpt-4o-mini.
 *
 * @example
 * const { provider, model } = await defaultRefineModel(projectId, provenance);
 */
export async function defaultRefineModel(projectId: string, shown: ProvenanceView | null): Promise<{ provider: string; model: string }> {
  if (shown?.provider && shown.provider !== "builtin" && shown.model) return { provider: shown.provider, model: shown.model };
  const request = await getPrisma().generationRequest.findFirst({
    where: { projectId, provider: { not: "builtin" } },
    orderBy: { createdAt: "desc" },
    select: { provider: true, model: true },
  });
  return request ?? { provider: "openai", model: "gpt-4o-mini" };
}

/**
 * Sources of two versions of a program for the diff; null when either does not exist.
 *
 * @example
 * const diff = await getVersionPair(programId, 1, 3);
 */
export async function getVersionPair(programId: string, from: number, to: number) {
  const versions = await getPrisma().programVersion.findMany({
    where: { programId, version: { in: [from, to] } },
    select: { version: true, source: true, language: true },
  });
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a || !b) return null;
  return {
    from: a.version,
    to: b.version,
    original: a.source,
    modified: b.source,
    language: (b.language === "JAVASCRIPT" ? "javascript" : "python") as "python" | "javascript",
  };
}
