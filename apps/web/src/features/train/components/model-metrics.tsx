import type { ReactNode } from "react";
import { MetricTerm } from "@/features/shell/client";
import { formatPercent } from "@/lib/format-percent";
import { f1Help, METRIC_HELP } from "@/lib/metric-help";
import type { ModelMetricsView } from "../model-view";

const th = "px-3 py-2";
const num = "px-3 py-2 text-right tabular-nums";

/**
 * The distilled model's test report: accuracy, F1, ECE, per-class precision/recall/F1 and the
 * confusion matrix (rows: gold class, columns: predicted).
 *
 * @example
 * <ModelMetrics metrics={model.metrics} />
 */
export function ModelMetrics({ metrics }: { metrics: ModelMetricsView }) {
  const max = Math.max(1, ...metrics.confusion.flat());
  const names = metrics.perClass.map((c) => c.name);
  const cards: [ReactNode, string, string][] = [
    [
      <MetricTerm key="a" help={METRIC_HELP.accuracy}>
        Test accuracy
      </MetricTerm>,
      formatPercent(metrics.accuracy),
      "accuracy",
    ],
    [
      <MetricTerm key="f" help={f1Help(names)} testId="help-f1">
        {names.length === 2 ? `F1 (${names[1]})` : "Macro F1"}
      </MetricTerm>,
      metrics.f1.toFixed(3),
      "f1",
    ],
    [
      <MetricTerm key="m" help={METRIC_HELP.macroF1}>
        Macro F1
      </MetricTerm>,
      metrics.macroF1.toFixed(3),
      "macro-f1",
    ],
    [
      <MetricTerm key="e" help={METRIC_HELP.ece} testId="help-ece">
        ECE
      </MetricTerm>,
      metrics.ece === null ? "—" : metrics.ece.toFixed(3),
      "ece",
    ],
  ];
  return (
    <section data-testid="model-metrics" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-4">
        {cards.map(([label, value, id]) => (
          <div key={id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="text-xs uppercase text-slate-500">{label}</div>
            <div data-testid={`metric-${id}`} className="text-2xl font-semibold tabular-nums">
              {value}
            </div>
            <div className="text-xs text-slate-500">{metrics.n} test rows with gold</div>
          </div>
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table data-testid="per-class" className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className={th}>Class</th>
                <th className={`${th} text-right`}>Precision</th>
                <th className={`${th} text-right`}>Recall</th>
                <th className={`${th} text-right`}>F1</th>
                <th className={`${th} text-right`}>Support</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {metrics.perClass.map((c) => (
                <tr key={c.name}>
                  <td className={th}>{c.name}</td>
                  <td className={num}>{c.precision.toFixed(3)}</td>
                  <td className={num}>{c.recall.toFixed(3)}</td>
                  <td className={num}>{c.f1.toFixed(3)}</td>
                  <td className={num}>{c.support}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <table data-testid="confusion-matrix" className="text-sm">
            <caption className="mb-2 text-left text-xs text-slate-500">Confusion matrix: rows are the gold class, columns the prediction</caption>
            <thead>
              <tr>
                <th className="px-2 py-1" />
                {metrics.perClass.map((c) => (
                  <th key={c.name} className="px-2 py-1 text-xs font-medium text-slate-500">
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {metrics.confusion.map((row, t) => (
                <tr key={t}>
                  <th className="px-2 py-1 text-right text-xs font-medium text-slate-500">{metrics.perClass[t]?.name ?? t}</th>
                  {row.map((count, p) => (
                    <td
                      key={p}
                      className={`px-3 py-2 text-center tabular-nums ${t === p ? "font-semibold" : ""}`}
                      style={{ backgroundColor: `rgba(${t === p ? "79,70,229" : "225,29,72"}, ${(0.08 + (0.5 * count) / max).toFixed(2)})` }}
                    >
                      {count}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
