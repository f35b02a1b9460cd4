import { MetricTerm } from "@/features/shell/client";
import { formatPercent } from "@/lib/format-percent";
import { f1Help, LABEL_MODEL_HELP, METRIC_HELP } from "@/lib/metric-help";
import type { LabelModelScoresView } from "@/features/runs/client";
import type { ModelMetricsView } from "../model-view";

const th = "px-3 py-2";
const num = "px-3 py-2 text-right tabular-nums";

const delta = (model: number | null, label: number | null | undefined) => {
  if (model === null || label === null || label === undefined) return null;
  return model - label;
};

/**
 * The run's label model next to the model distilled from it, on the same test gold: whether
 * distilling kept, lost or gained accuracy and F1 (the distilled model is the one that labels
 * new data, so a loss here is worth seeing before exporting it).
 *
 * @example
 * <ModelComparison labelModel={scores} metrics={model.metrics} classNames={["ham", "spam"]} />
 */
export function ModelComparison({
  labelModel,
  metrics,
  classNames,
}: {
  labelModel: LabelModelScoresView | null;
  metrics: ModelMetricsView;
  classNames: readonly string[];
}) {
  if (!labelModel?.test) return null;
  const rows = [
    {
      key: "accuracy",
      label: <MetricTerm help={METRIC_HELP.accuracy}>Test accuracy</MetricTerm>,
      lm: labelModel.test.accuracy,
      mlp: metrics.accuracy,
      show: (v: number | null | undefined) => formatPercent(v),
    },
    {
      key: "f1",
      label: <MetricTerm help={f1Help(classNames)}>{classNames.length === 2 ? `Test F1 (${classNames[1]})` : "Test macro F1"}</MetricTerm>,
      lm: labelModel.test.f1,
      mlp: metrics.f1,
      show: (v: number | null | undefined) => (v === null || v === undefined ? "—" : v.toFixed(3)),
    },
  ];
  const f1Delta = delta(metrics.f1, labelModel.test.f1);
  return (
    <section data-testid="model-comparison" className="space-y-2">
      <h3 className="text-sm font-semibold">Label model vs distilled model (same test rows)</h3>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th className={th}>Metric</th>
              <th className={`${th} text-right`}>
                <MetricTerm help={LABEL_MODEL_HELP[labelModel.name] ?? "The label model chosen on dev for this run."}>
                  Label model <span className="font-mono normal-case">{labelModel.name}</span>
                </MetricTerm>
              </th>
              <th className={`${th} text-right`}>Distilled model</th>
              <th className={`${th} text-right`}>Difference</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => {
              const d = delta(row.mlp, row.lm);
              return (
                <tr key={row.key} data-testid={`compare-${row.key}`}>
                  <td className={th}>{row.label}</td>
                  <td className={num} data-testid={`compare-${row.key}-label-model`}>
                    {row.show(row.lm)}
                  </td>
                  <td className={num} data-testid={`compare-${row.key}-model`}>
                    {row.show(row.mlp)}
                  </td>
                  <td className={`${num} ${d === null ? "" : d < 0 ? "text-rose-700" : "text-emerald-700"}`}>
                    {d === null ? "—" : row.key === "accuracy" ? `${d >= 0 ? "+" : ""}${(d * 100).toFixed(1)} pts` : `${d >= 0 ? "+" : ""}${d.toFixed(3)}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p data-testid="comparison-verdict" className="text-xs text-slate-500">
        {f1Delta === null
          ? ""
          : f1Delta < 0
            ? `The distilled model scores ${(-f1Delta).toFixed(3)} F1 below its label model on test: try more epochs, a wider feature space, or better pseudolabels (review, more programs). `
            : `The distilled model matches or beats its label model on test (it also labels rows no program covers). `}
        The label model&apos;s test rows with no program vote count as wrong, as on the Label model page.
      </p>
    </section>
  );
}
