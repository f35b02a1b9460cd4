import { authorizeProjectPage } from "@/features/auth";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import type { ClickThroughQuery } from "../click-through";
import { getAnalysisPage } from "../server/get-analysis-page";
import { AnalysisBody } from "./analysis-body";
import { RunPicker } from "./run-picker";
import { VoteRows } from "./vote-rows";

/**
 * `/projects/[projectId]/analysis`: the stored LF analysis of a finished run (latest by default):
 * summary, per-program table, bar charts, the program x program heatmap and a server-paginated
 * click-through to the rows where a program fires, conflicts or is wrong on dev.
 *
 * @example
 * <AnalysisPage projectId={id} runId={undefined} click={{ view: "fires", p: 0 }} page={0} />
 */
export async function AnalysisPage(props: { projectId: string; runId?: string | undefined; click: ClickThroughQuery | null; page: number }) {
  // First, alone: signed out redirects to sign-in and non-members get the 404 page.
  await authorizeProjectPage(props.projectId, "read");
  const [project, data] = await Promise.all([getProjectHeader(props.projectId), getAnalysisPage(props.projectId, props)]);
  const { analysis, run } = data;
  return (
    <article data-testid="analysis-page" className="space-y-6">
      <ProjectHeader project={project} current="analysis" title="Analysis" />
      {data.runs.length > 0 && <RunPicker projectId={props.projectId} runs={data.runs} current={run?.id ?? null} path="analysis" />}
      {!run || !analysis ? (
        <p data-testid="analysis-empty" className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600">
          {run ? "This run has no analysis yet." : "No finished run yet: apply the programs from the overview to analyse them."}
        </p>
      ) : (
        <>
          {data.multiLabel && (
            <p data-testid="analysis-multi-label" className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm text-indigo-900">
              Multi-label run: programs vote on class sets (overlaps and conflicts compare whole sets; dev accuracy is an exact set match). Its one-vs-rest
              label models reach micro-F1 <span data-testid="analysis-micro-f1">{data.multiLabel.microF1.toFixed(3)}</span> and macro-F1{" "}
              <span data-testid="analysis-macro-f1">{data.multiLabel.macroF1.toFixed(3)}</span> on {data.multiLabel.n} test rows (per class on the Label model
              page).
            </p>
          )}
          <AnalysisBody projectId={props.projectId} runId={run.id} analysis={analysis} classNames={data.classNames} />
        </>
      )}
      {run && analysis && data.clickThrough && (
        <VoteRows projectId={props.projectId} runId={run.id} analysis={analysis} classNames={data.classNames} data={data.clickThrough} />
      )}
    </article>
  );
}
