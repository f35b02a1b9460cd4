import Link from "next/link";
import type { ReactNode } from "react";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { LiveJobs } from "@/features/jobs/client";
import { projectHasActiveJobs } from "@/features/jobs";
import { getGeneratePageData } from "../server/generate-service";
import { GenerateForm } from "./generate-form";
import { GenerationList } from "./generation-list";
import { roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";
import { RoleGate } from "@/features/auth/client";
import { RoundsPanel } from "@/features/rounds";

/** What the generate page hands the sweep panel it is given. */
export interface SweepPanelSlotProps {
  readonly canEdit: boolean;
  readonly secrets: { provider: string; last4: string }[];
}

/**
 * `/projects/[projectId]/generate`: ask an LLM (or the builtin synthesizer) for labeling
 * programs, priced before anything is spent, with live progress and the resulting programs.
 *
 * The ablation sweep shows on this page but belongs to the sweep feature, which builds on this one
 * (it prices its grid with the generation estimate): the route passes it in as `sweepPanel`, so
 * generate never depends on sweep.
 *
 * @example
 * <GeneratePage projectId={projectId} sweepPanel={(props) => <SweepPanel projectId={projectId} {...props} />} />
 */
export async function GeneratePage({ projectId, sweepPanel }: { projectId: string; sweepPanel: (props: SweepPanelSlotProps) => ReactNode }) {
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
      {data.hasTask && sweepPanel({ canEdit: roleAllows(actor.role, "edit"), secrets: data.secrets })}
      <section className="space-y-2">
        <h3 className="font-semibold">Recent requests</h3>
        <GenerationList projectId={projectId} requests={data.requests} />
      </section>
    </article>
  );
}
