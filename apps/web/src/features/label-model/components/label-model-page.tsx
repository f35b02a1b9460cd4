import { roleAllows } from "@alchemist/engine";
import { MetricTerm, ProjectHeader } from "@/features/shell/client";
import { f1Help, LABEL_MODEL_HELP, METRIC_HELP } from "@/lib/metric-help";
import { authorizeProjectPage } from "@/features/auth";
import { getProjectHeader } from "@/features/shell";
import { BarChart } from "@/features/analysis/client";
import { RunPicker } from "@/features/analysis";
import { LiveJobs } from "@/features/jobs/client";
import { projectHasActiveJobs } from "@/features/jobs";
import { formatPercent } from "@/lib/format-percent";
import { bestScore, type LabelModelView } from "../label-model-view";
import { MultiLabelLabelModels } from "./multi-label-label-models";
import { getLabelModelPage, type LabelModelPageData } from "../server/get-label-model-page";
import { RefitButton } from "./refit-button";

const th = "px-3 py-2";
const num = "px-3 py-2 text-right tabular-nums";

/**
 * `/projects/[projectId]/label-model`: the label models side by side on dev (accuracy, F1, ECE,
 * coverage), the chosen one and why, class balance (dev-gold prior vs what the model predicts on
 * train), each program's learned accuracy next to its dev accuracy, and a refit button.
 *
 * @example
 * <LabelModelPage projectId={id} runId={undefined} />
 */
export async function LabelModelPage({ projectId, runId }: { projectId: string; runId?: string | undefined }) {
  // First, alone: signed out redirects to sign-in and non-members get the 404 page.
  const actor = await authorizeProjectPage(projectId, "read");
  const [project, data, live] = await Promise.all([getProjectHeader(projectId), getLabelModelPage(projectId, runId), projectHasActiveJobs(projectId)]);
  const { run, metrics } = data;
  return (
    <article data-testid="label-model-page" className="space-y-6">
      <ProjectHeader project={project} current="label-model" title="Label model" />
      <div className="flex flex-wrap items-start justify-between gap-4">
        {data.runs.length > 0 ? <RunPicker projectId={projectId} runs={data.runs} current={run?.id ?? null} path="label-model" /> : <span />}
        {run && roleAllows(actor.role, "edit") && <RefitButton projectId={projectId} runId={run.id} disabled={data.refitting} />}
      </div>
      <LiveJobs projectId={projectId} since={new Date().toISOString()} live={live} canCancel={roleAllows(actor.role, "edit")} />
      {!run ? (
        <p data-testid="label-model-empty" className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600">
          No finished run yet: apply the programs from the overview first.
        </p>
      ) : metrics?.multiLabel ? (
        <MultiLabelLabelModels view={metrics.multiLabel} />
      ) : !metrics || metrics.models.length === 0 ? (
        <p data-testid="label-model-empty" className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600">
          {metrics ? "The dataset has no train rows, so no label model was fitted." : "No label models fitted for this run yet: refit them to compare."}
        </p>
      ) : (
        <LabelModelBody data={data} metrics={metrics} />
      )}
    </article>
  );
}

function LabelModelBody({ data, metrics }: { data: LabelModelPageData; metrics: LabelModelView }) {
  const className = (c: number) => data.classNames[c] ?? `class ${c}`;
  const best = {
    accuracy: bestScore(metrics.models, "accuracy"),
    f1: bestScore(metrics.models, "f1"),
    ece: bestScore(metrics.models, "ece"),
    coverage: bestScore(metrics.models, "coverage"),
  };
  const mark = (value: number | null | undefined, b: number | null) =>
    value !== null && value !== undefined && b !== null && Math.abs(value - b) < 1e-12 ? "font-semibold text-emerald-700" : "";
  const devGold = data.analysis?.classBalance?.devGold ?? null;
  const devGoldTotal = devGold?.reduce((a, b) => a + b, 0) ?? 0;
  const programs = data.analysis?.programs ?? [];
  return (
    <>
      {metrics.chosen && (
        <p data-testid="chosen-label-model" className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-indigo-900">
          <span className="font-semibold">
            Chosen:{" "}
            <span data-testid="chosen-name" className="font-mono">
              {metrics.chosen.name}
            </span>
            .
          </span>{" "}
          {metrics.chosen.reason}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="label-model-table" className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th className={th}>Label model</th>
              <th className={`${th} text-right`}>Dev accuracy</th>
              <th className={`${th} text-right`}>
                <MetricTerm help={f1Help(data.classNames)}>Dev F1</MetricTerm>
              </th>
              <th className={`${th} text-right`}>
                <MetricTerm help={METRIC_HELP.ece}>Dev ECE</MetricTerm>
              </th>
              <th className={`${th} text-right`}>Dev coverage</th>
              <th
                className={`${th} text-right`}
                title="Test gold is used for reporting only, never for the choice. Test rows no program voted on count as wrong (the label model has no opinion there); dev accuracy breaks those ties at random."
              >
                Test accuracy*
              </th>
              <th className={`${th} text-right`}>
                <MetricTerm help={f1Help(data.classNames)}>Test F1</MetricTerm>
              </th>
              <th className={`${th} text-right`}>Fit</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {metrics.models.map((m) => (
              <tr key={m.name} data-testid="label-model-row" data-name={m.name} data-chosen={m.chosen} className={m.chosen ? "bg-indigo-50/50" : ""}>
                <td className={th}>
                  <MetricTerm help={LABEL_MODEL_HELP[m.name] ?? "A weak-supervision label model."} testId={`help-model-${m.name}`}>
                    <span className="font-mono text-[13px] font-medium">{m.name}</span>
                  </MetricTerm>
                  {m.chosen && <span className="ml-2 rounded bg-indigo-600 px-1.5 py-0.5 text-xs text-white">chosen</span>}
                  {m.skipped && <div className="text-xs text-amber-700">skipped: {m.skipped}</div>}
                </td>
                <td className={`${num} ${mark(m.dev?.accuracy, best.accuracy)}`}>{formatPercent(m.dev?.accuracy)}</td>
                <td className={`${num} ${mark(m.dev?.f1, best.f1)}`}>{formatPercent(m.dev?.f1)}</td>
                <td className={`${num} ${mark(m.dev?.ece, best.ece)}`}>{m.dev?.ece === null || m.dev?.ece === undefined ? "—" : m.dev.ece.toFixed(3)}</td>
                <td className={`${num} ${mark(m.dev?.coverage, best.coverage)}`}>{formatPercent(m.dev?.coverage)}</td>
                <td className={`${num} text-slate-500`}>{formatPercent(m.test?.accuracy)}</td>
                <td className={`${num} text-slate-500`}>{formatPercent(m.test?.f1)}</td>
                <td className={`${num} text-slate-500`}>{m.fitMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        * Test accuracy counts test rows that no program voted on as wrong, so it reads low when coverage is low; dev accuracy breaks ties (including rows
        without votes) as WRENCH does. Test gold is shown for reporting only and never picks the model.
      </p>
      <section className="grid gap-4 lg:grid-cols-2">
        {metrics.classBalance ? (
          <div className="space-y-2" data-testid="class-balance">
            <BarChart
              title="Class balance the chosen model predicts on train"
              testId="chart-estimated-balance"
              color="fill-indigo-500"
              bars={metrics.classBalance.estimated.map((v, c) => ({ label: className(c), value: v }))}
            />
            <BarChart
              title={`Dev gold class balance${devGold ? ` (${devGoldTotal} rows)` : " (smoothed prior the models were given)"}`}
              testId="chart-dev-balance"
              color="fill-amber-500"
              bars={(devGold && devGoldTotal > 0 ? devGold.map((n) => n / devGoldTotal) : metrics.classBalance.prior).map((v, c) => ({
                label: className(c),
                value: v,
              }))}
            />
          </div>
        ) : (
          <p className="text-sm text-slate-600">Class balance was not stored for this fit; refit to add it.</p>
        )}
        {metrics.learnedAccuracies ? (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="learned-accuracies">
            <table className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th className={th}>Program</th>
                  <th className={`${th} text-right`} title="The chosen model's mean probability that the program's train votes are right">
                    Learned accuracy
                  </th>
                  <th className={`${th} text-right`}>Dev accuracy</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {metrics.learnedAccuracies.map((acc, j) => (
                  <tr key={j} data-testid="learned-accuracy-row">
                    <td className={`${th} font-mono text-[13px]`}>{programs[j]?.name ?? `program ${j + 1}`}</td>
                    <td className={num}>{formatPercent(acc)}</td>
                    <td className={`${num} text-slate-500`}>{formatPercent(programs[j]?.accuracy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-600">Learned accuracies were not stored for this fit; refit to add them.</p>
        )}
      </section>
    </>
  );
}
