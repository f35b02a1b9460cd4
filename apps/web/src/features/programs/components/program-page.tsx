import Link from "next/link";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { getProgramEditor } from "../server/get-program-editor";
import { ProgramEditor } from "./program-editor";
import { VersionList } from "./version-list";
import { defaultRefineModel, getLatestRefinement, getProvenance, getVersionPair } from "../server/get-program-details";
import { ProvenancePanel } from "./provenance-panel";
import { RefinePanel } from "./refine-panel";
import { VersionCompare } from "./version-compare";
import { CommentThread } from "@/features/comments";
import { getProgramLastRun } from "../server/get-program-last-run";
import { LastRunPanel } from "./last-run-panel";
import { roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";
import { RoleNote } from "@/features/auth/client";
import { ReadOnlySource } from "./read-only-source";

/**
 * `/projects/[projectId]/programs/new` (programId null) and
 * `/projects/[projectId]/programs/[programId]?version=N&from=A&to=B`: the editor, versions,
 * provenance of the shown version, the program's figures in the last run, the diff of versions A and B, and "ask the LLM to change it".
 *
 * @example
 * <ProgramPage projectId={p} programId={null} />
 */
export async function ProgramPage({
  projectId,
  programId,
  version,
  compare,
}: {
  projectId: string;
  programId: string | null;
  version?: number;
  compare?: { from: number; to: number };
}) {
  const project = await getProjectHeader(projectId);
  // Writing a program is for editors and owners: /programs/new is a 403 page for the others, and
  // an existing program is shown read-only.
  const actor = await authorizeProjectPage(projectId, programId === null ? "edit" : "read");
  const canEdit = roleAllows(actor.role, "edit");
  const data = await getProgramEditor(projectId, programId, version);
  const id = data.program?.id;
  const [provenance, pair, refinement, lastRun] =
    id && data.shown
      ? await Promise.all([
          getProvenance(id, data.shown.version),
          compare ? getVersionPair(id, compare.from, compare.to) : null,
          getLatestRefinement(id),
          getProgramLastRun(projectId, id),
        ])
      : [null, null, null, null];
  const defaults = id ? await defaultRefineModel(projectId, provenance) : null;
  const title = data.program ? `${data.program.name} · v${data.shown?.version}${data.program.enabled ? "" : " (disabled)"}` : "New program";
  return (
    <article data-testid="program-page" className="space-y-6">
      <ProjectHeader project={project} current="programs" title={title} />
      {!data.task && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Programs are written against the task.{" "}
          <Link href={`/projects/${projectId}/task`} className="font-medium underline">
            Define the task
          </Link>{" "}
          first.
        </p>
      )}
      <div className={data.program ? "grid gap-6 lg:grid-cols-[1fr_16rem]" : ""}>
        {/* Keyed by the requested version, not the shown one: saving a new latest version keeps the editor (and its message).
            A refinement that finishes, is kept or is discarded adds a version the editor must show, so its state is in the key too. */}
        {canEdit || !data.shown ? (
          <ProgramEditor
            key={`${data.program?.id ?? "new"}-${version ?? "latest"}-${refinement ? `${refinement.id}-${refinement.status}` : ""}`}
            projectId={projectId}
            data={data}
          />
        ) : (
          <div className="space-y-3">
            <RoleNote role={actor.role} need="edit" what="Changing, running or refining a program" />
            <ReadOnlySource source={data.shown.source} language={data.shown.language} />
          </div>
        )}
        {data.program && data.shown && (
          <div className="space-y-4">
            <LastRunPanel lastRun={lastRun} shownVersion={data.shown.version} />
            <VersionList projectId={projectId} programId={data.program.id} versions={data.versions} shown={data.shown.version} />
            {provenance && <ProvenancePanel provenance={provenance} />}
          </div>
        )}
      </div>
      {data.program && data.shown && (
        <>
          <VersionCompare versions={data.versions.map((v) => v.version)} pair={pair} shown={data.shown.version} />
          {defaults && canEdit && (
            <RefinePanel
              key={refinement?.id ?? "none"}
              projectId={projectId}
              programId={data.program.id}
              refinement={refinement}
              defaults={defaults}
              language={data.shown.language}
            />
          )}
          <CommentThread projectId={projectId} targetType="PROGRAM" targetId={data.program.id} title="Comments on this program" />
        </>
      )}
    </article>
  );
}
