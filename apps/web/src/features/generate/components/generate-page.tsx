import Link from "next/link";
import { getProjectHeader } from "@/features/projects/server/get-project-header";
import { ProjectHeader } from "@/features/projects/components/project-header";
import { LiveJobs } from "@/features/jobs/components/live-jobs";
import { projectHasActiveJobs } from "@/features/jobs/server/project-has-active-jobs";
import { getGeneratePageData } from "../server/generate-service";
import { GenerateForm } from "./generate-form";
import { GenerationList } from "./generation-list";
import { roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth/server/authorize";
import { RoleGate } from "@/features/auth/components/role-gate";
import { RoundsPanel } from "@/features/rounds/components/rounds-panel";
import { SweepPanel } from "@/features/sweep/components/sweep-panel";

/**
 * `/projects/[projectId]/generate`: ask an LLM (or the builtin synthesizer) for labeling
 * programs, priced before anything is spent, with live progress and the resulting programs.
 *
 * @example
 * <GeneratePage projectId={projectId} />
 */
export async function GeneratePage({ projectId }: { projectId: string }) {
  const project = await getProjectHeader(projectId);
  const [actor, data, live] = await Promise.all([authorizeProjectPage(projectId, "read"), getGeneratePageData(projectId), projectHasActiveJobs(projectId)]);
  return (
    <article data-testid="generate-page" className="space-y-6">
      <ProjectHeader project={project} current="generate" title="Generate programs" />
      {!data.hasTask ? (
        <p className="text-sm text-slate-600">
          Define the{" "}
          <Link href={`/projects/${projectId}/task`} className="text-indigo-700 underline">
            task
          </Link>{" "}
          first: programs are written for it.
        </p>
      ) : (
        <RoleGate role={actor.role} need="edit" what="Generating programs" className="space-y-4">
          <GenerateForm projectId={projectId} language={data.language} secrets={data.secrets} />
        </RoleGate>
      )}
      <LiveJobs projectId={projectId} since={new Date().toISOString()} live={live} canCancel={roleAllows(actor.role, "edit")} />
      {data.hasTask && <RoundsPanel projectId={projectId} canEdit={roleAllows(actor.role, "edit")} secrets={data.secrets} />}
      {data.hasTask && <SweepPanel projectId={projectId} canEdit={roleAllows(actor.role, "edit")} secrets={data.secrets} />}
      <section className="space-y-2">
        <h3 className="font-semibold">Recent requests</h3>
        <GenerationList projectId={projectId} requests={data.requests} />
      </section>
    </article>
  );
}
