"use client";

import Link from "next/link";
import type { AnalysisView } from "../analysis-view";
import { clickThroughHref, describeClickThrough, otherVotesByClass } from "../click-through";
import type { ClickThroughPage } from "../server/get-analysis-page";

const th = "px-3 py-2";

/**
 * One server-side page of click-through rows: each row's fields, the votes of every program that
 * voted on it (the programs the link is about first, highlighted; the others grouped by the class
 * they voted, red where it is not the row's gold) and, for dev rows only, the gold label.
 *
 * @example
 * <VoteRows projectId={id} runId={run.id} analysis={analysis} classNames={names} data={clickThrough} />
 */
export function VoteRows(props: { projectId: string; runId: string; analysis: AnalysisView; classNames: readonly string[]; data: ClickThroughPage }) {
  const { data, analysis } = props;
  const focus = new Set("p" in data.query ? [data.query.p] : [data.query.a, data.query.b]);
  const focusOrder = [...focus];
  const className = (c: number) => props.classNames[c] ?? `class ${c}`;
  const programName = (j: number) => analysis.programs[j]?.name ?? `program ${j}`;
  const link = (page: number) => clickThroughHref(props.projectId, props.runId, data.query, page + 1);
  const fieldNames = [...new Set(data.rows.flatMap((r) => Object.keys((r.fields ?? {}) as object)))];
  return (
    <section id="rows" data-testid="click-through" className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold" data-testid="click-through-title">
          {describeClickThrough(analysis, data.query)}
        </h3>
        <span data-testid="click-through-total" className="text-sm text-slate-500">
          {data.total === null ? "total not in this snapshot (refit the label models to add it)" : `${data.total.toLocaleString("en")} rows`}
        </span>
      </div>
      {data.rows.length === 0 ? (
        <p className="text-sm text-slate-600">No rows.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className={`${th} text-right`}>Row</th>
                <th className={th}>Split</th>
                {fieldNames.map((f) => (
                  <th key={f} className={th}>
                    {f}
                  </th>
                ))}
                <th className={th}>Votes</th>
                <th className={th}>Dev gold</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.rows.map((row) => (
                <tr key={row.index} data-testid="click-row" className="align-top">
                  <td className={`${th} text-right font-mono text-xs text-slate-500`} title={row.externalId}>
                    {row.index}
                  </td>
                  <td className={`${th} text-xs text-slate-500`}>{row.split.toLowerCase()}</td>
                  {fieldNames.map((f) => (
                    <td key={f} className={`${th} max-w-xl`} data-testid="click-row-field">
                      {String((row.fields as Record<string, unknown>)[f] ?? "")}
                    </td>
                  ))}
                  <td className={th}>
                    <span className="flex flex-wrap items-baseline gap-1">
                      {focusOrder.map((j) => {
                        const v = row.votes[j] ?? -1;
                        return v < 0 ? null : (
                          <span
                            key={j}
                            data-testid="click-row-vote"
                            className={`rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-medium text-indigo-900 ${row.gold !== null && v !== row.gold ? "ring-1 ring-rose-400" : ""}`}
                          >
                            <span className="font-mono">{programName(j)}</span>: {className(v)}
                          </span>
                        );
                      })}
                      {otherVotesByClass(row.votes, focus).map(([c, programs]) => (
                        <span
                          key={c}
                          data-testid="click-row-other-votes"
                          className={`text-xs ${row.gold !== null && c !== row.gold ? "text-rose-700" : "text-slate-600"}`}
                        >
                          {className(c)}: <span className="font-mono">{programs.map(programName).join(", ")}</span>
                        </span>
                      ))}
                    </span>
                  </td>
                  <td className={`${th} text-xs`} data-testid="click-row-gold">
                    {row.gold === null ? <span className="text-slate-400">—</span> : className(row.gold)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex items-center gap-3 text-sm">
        {data.page > 0 && (
          <Link href={link(data.page - 1)} className="btn-secondary" data-testid="click-prev">
            ← Previous
          </Link>
        )}
        <span data-testid="click-page" className="text-slate-500">
          Page {data.page + 1}
          {data.pages !== null ? ` of ${data.pages}` : ""}
        </span>
        {data.hasNext && (
          <Link href={link(data.page + 1)} className="btn-secondary" data-testid="click-next">
            Next →
          </Link>
        )}
      </div>
    </section>
  );
}
