"use client";

import Link from "next/link";
import { StoppedNote, faultTitle } from "@/features/programs/client";
import { formatPercent } from "@/lib/format-percent";
import { formatCount } from "@/lib/format-count";
import { METRIC_HELP } from "@/lib/metric-help";
import { MetricTerm } from "@/features/shell/client";
import type { AnalysisView } from "../analysis-view";
import { clickThroughHref, type ClickThroughQuery } from "../click-through";
import { BarChartClientOnly } from "./bar-chart-client-only";
import { HeatmapClientOnly } from "./heatmap-client-only";

const num = "px-3 py-2 text-right tabular-nums";
const th = "px-3 py-2";

/**
 * The analysis page's body: summary, per-program table, bar charts, heatmap and class balance of
 * a run's stored snapshot. A client component rendered on the server: the page ships the snapshot
 * (a few KB) instead of the serialized element tree of every cell, chart bar and link.
 *
 * @example
 * <AnalysisBody projectId={id} runId={run.id} analysis={analysis} classNames={["ham", "spam"]} />
 */
export function AnalysisBody({
  projectId,
  runId,
  analysis,
  classNames,
}: {
  projectId: string;
  runId: string;
  analysis: AnalysisView;
  classNames: readonly string[];
}) {
  const href = (q: ClickThroughQuery) => clickThroughHref(projectId, runId, q);
  const names = analysis.programs.map((p) => p.name);
  const className = (c: number) => classNames[c] ?? `class ${c}`;
  return (
    <>
      <section className="grid gap-4 sm:grid-cols-4" data-testid="analysis-summary">
        {[
          ["Rows", analysis.rows === null ? "—" : formatCount(analysis.rows), "in the dataset", null],
          ["Coverage", formatPercent(analysis.summary.coverage), "rows with at least one vote", METRIC_HELP.coverage],
          ["Overlap", formatPercent(analysis.summary.overlap), "rows with two or more votes", "Share of rows where two or more programs voted (any classes)."],
          [
            "Conflict",
            formatPercent(analysis.summary.conflict),
            "rows with disagreeing votes",
            "Share of rows where programs voted for different classes: the rows the label model has to settle.",
          ],
        ].map(([label, value, note, help]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="text-xs uppercase text-slate-500">{help ? <MetricTerm help={help}>{label}</MetricTerm> : label}</div>
            <div data-testid={`summary-${label!.toLowerCase()}`} className="text-2xl font-semibold tabular-nums">
              {value}
            </div>
            <div className="text-xs text-slate-500">{note}</div>
          </div>
        ))}
      </section>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="analysis-table" className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th className={th}>#</th>
              <th className={th}>Program</th>
              <th className={th}>Polarity</th>
              <th className={`${th} text-right`}>Votes</th>
              <th className={`${th} text-right`}>Coverage</th>
              <th className={`${th} text-right`}>Overlaps</th>
              <th className={`${th} text-right`}>Conflicts</th>
              <th className={`${th} text-right`}>Dev accuracy</th>
              <th className={`${th} text-right`}>Wrong on dev</th>
              <th className={`${th} text-right`}>Faults</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {analysis.programs.map((p) => (
              <tr key={p.index} data-testid="analysis-row" data-program-name={p.name}>
                <td className={`${th} text-xs text-slate-400`}>{p.index + 1}</td>
                <td className={th}>
                  <Link
                    prefetch={false}
                    href={href({ view: "fires", p: p.index })}
                    data-testid="program-fires-link"
                    className="font-mono text-[13px] font-medium text-indigo-700 hover:underline"
                  >
                    {p.name}
                  </Link>
                  {p.programId && (
                    <Link prefetch={false} href={`/projects/${projectId}/programs/${p.programId}`} className="ml-2 text-xs text-slate-400 hover:text-slate-700">
                      code
                    </Link>
                  )}
                </td>
                <td className={th}>
                  {p.polarity.map((c) => (
                    <span
                      key={c}
                      className="mr-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700"
                      title={p.classVotes ? `${formatCount(p.classVotes[c] ?? 0)} votes` : undefined}
                    >
                      {className(c)}
                    </span>
                  ))}
                </td>
                <td className={num}>{p.votes === null ? "—" : formatCount(p.votes)}</td>
                <td className={num}>{formatPercent(p.coverage)}</td>
                <td className={num}>{formatPercent(p.overlaps)}</td>
                <td className={num}>
                  <Link prefetch={false} href={href({ view: "conflicts", p: p.index })} className="hover:underline" data-testid="program-conflicts-link">
                    {formatPercent(p.conflicts)}
                  </Link>
                </td>
                <td className={num}>{formatPercent(p.accuracy)}</td>
                <td className={num}>
                  {p.devIncorrect === null ? (
                    "—"
                  ) : p.devIncorrect === 0 ? (
                    "0"
                  ) : (
                    <Link
                      prefetch={false}
                      href={href({ view: "wrong-on-dev", p: p.index })}
                      className="text-rose-700 hover:underline"
                      data-testid="program-wrong-link"
                    >
                      {formatCount(p.devIncorrect)}
                    </Link>
                  )}
                </td>
                <td className={`${num} ${p.faults > 0 ? "text-rose-700" : "text-slate-400"}`} title={faultTitle(p.faultKinds, p.stopped)}>
                  {formatCount(p.faults)}
                  {p.stopped && <StoppedNote stopped={p.stopped} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="grid gap-4 lg:grid-cols-2" data-testid="analysis-charts">
        <BarChartClientOnly
          title="Coverage (rows the program votes on)"
          testId="chart-coverage"
          bars={analysis.programs.map((p) => ({ label: p.name, value: p.coverage, href: href({ view: "fires", p: p.index }) }))}
        />
        <BarChartClientOnly
          title="Overlap (votes alongside another program)"
          testId="chart-overlap"
          color="fill-sky-500"
          bars={analysis.programs.map((p) => ({ label: p.name, value: p.overlaps, href: href({ view: "fires", p: p.index }) }))}
        />
        <BarChartClientOnly
          title="Conflict (another program votes differently)"
          testId="chart-conflict"
          color="fill-rose-500"
          bars={analysis.programs.map((p) => ({ label: p.name, value: p.conflicts, href: href({ view: "conflicts", p: p.index }) }))}
        />
        <BarChartClientOnly
          title="Dev accuracy (votes on dev rows with gold)"
          testId="chart-accuracy"
          color="fill-emerald-500"
          bars={analysis.programs.map((p) => ({
            label: p.name,
            value: p.accuracy,
            href: href({ view: "wrong-on-dev", p: p.index }),
            title: `${p.name}: ${formatPercent(p.accuracy)}${p.devCorrect !== null ? ` (${p.devCorrect} right, ${p.devIncorrect} wrong): click for the wrong ones` : ""}`,
          }))}
        />
      </section>
      {analysis.pairs ? (
        <HeatmapClientOnly
          names={names}
          rows={analysis.rows ?? 0}
          overlap={analysis.pairs.overlap}
          conflict={analysis.pairs.conflict}
          projectId={projectId}
          runId={runId}
        />
      ) : (
        <p data-testid="heatmap-missing" className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">
          This run&apos;s snapshot predates the pair counts; refit its label models on the Label model tab to add the heatmap.
        </p>
      )}
      {analysis.classBalance && <ClassBalance classNames={classNames} balance={analysis.classBalance} />}
    </>
  );
}

function ClassBalance({ classNames, balance }: { classNames: readonly string[]; balance: NonNullable<AnalysisView["classBalance"]> }) {
  const share = (counts: readonly number[], c: number) => {
    const total = counts.reduce((a, b) => a + b, 0);
    return total === 0 ? null : counts[c]! / total;
  };
  return (
    <section data-testid="vote-class-balance" className="space-y-2">
      <h3 className="font-semibold">Class balance of the votes</h3>
      <BarChartClientOnly
        title="Share of all program votes per class"
        testId="chart-vote-balance"
        color="fill-violet-500"
        bars={balance.votes.map((_, c) => ({ label: classNames[c] ?? `class ${c}`, value: share(balance.votes, c) }))}
      />
      {balance.devGold && (
        <p className="text-sm text-slate-600">
          Dev gold: {balance.devGold.map((n, c) => `${classNames[c] ?? `class ${c}`} ${formatPercent(share(balance.devGold!, c))} (${n})`).join(", ")}.
        </p>
      )}
    </section>
  );
}
