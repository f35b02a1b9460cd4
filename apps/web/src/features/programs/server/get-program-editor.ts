import "server-only";
import { notFound } from "next/navigation";
import { findProjectTask, getPrisma, getProgram } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProject } from "@/features/auth";
import { starterSource } from "../starter-source";

/** What the program page needs. */
export interface ProgramEditorData {
  readonly program: { id: string; name: string; enabled: boolean } | null;
  readonly versions: { id: string; version: number; createdAt: string; codeHash: string; kind: string }[];
  /** The version shown in the editor (null for a new program). */
  readonly shown: { version: number; language: "python" | "javascript"; source: string } | null;
  readonly task: { language: "python" | "javascript"; functionName: string; classNames: string[] } | null;
  readonly hasData: boolean;
  readonly starter: string;
}

const lang = (l: string) => (l === "JAVASCRIPT" ? "javascript" : "python") as "python" | "javascript";

/**
 * A program with its versions and the source of `version` (default: the latest), or the
 * starting point of a new program when `programId` is null; 404 for unknown ids.
 *
 * @example
 * const data = await getProgramEditor(projectId, programId, 2);
 */
export async function getProgramEditor(projectId: string, programId: string | null, version?: number): Promise<ProgramEditorData> {
  getEnv();
  await authorizeProject(projectId, "read");
  const db = getPrisma();
  const [task, datasets] = await Promise.all([findProjectTask(db, projectId), db.dataset.count({ where: { projectId } })]);
  const taskView = task
    ? { language: lang(task.language), functionName: task.functionName, classNames: (task.classes as { name: string }[]).map((c) => c.name) }
    : null;
  const starter = starterSource(taskView?.language ?? "python", taskView?.functionName ?? "label_function", taskView?.classNames ?? []);
  if (!programId) return { program: null, versions: [], shown: null, task: taskView, hasData: datasets > 0, starter };
  const program = await getProgram(db, programId);
  if (!program || program.projectId !== projectId) notFound();
  const shown = program.versions.find((v) => v.version === version) ?? program.versions[0];
  if (!shown) notFound();
  return {
    program: { id: program.id, name: program.name, enabled: program.enabled },
    versions: program.versions.map((v) => ({
      id: v.id,
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      codeHash: v.codeHash.slice(0, 10),
      kind: String((v.provenance as { kind?: string }).kind ?? "user"),
    })),
    shown: { version: shown.version, language: lang(shown.language), source: shown.source },
    task: taskView,
    hasData: datasets > 0,
    starter,
  };
}
