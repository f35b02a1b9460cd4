import type { MultiLabelModelMetricsView } from "../model-view";

const th = "px-3 py-2";
const num = "px-3 py-2 text-right tabular-nums";

/**
 * A multi-label model's test report: micro and macro F1, exact-set accuracy and Hamming loss, and
 * precision/recall/F1 per class (a class applies where its sigmoid output is at least 0.5).
 *
 * @example
 * <MultiLabelModelMetrics metrics={model.multiLabelMetrics} />
 */
export function MultiLabelModelMetrics({ metrics }: { metrics: MultiLabelModelMetricsView }) {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return (
    <section data-testid="multi-label-model-metrics" className="space-y-3">
      <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
        {[
          ["Test micro-F1", metrics.microF1.toFixed(3), "model-micro-f1"],
          ["Test macro-F1", metrics.macroF1.toFixed(3), "model-macro-f1"],
          ["Exact-set accuracy", pct(metrics.subsetAccuracy), "model-subset-accuracy"],
          ["Hamming loss", metrics.hammingLoss.toFixed(3), "model-hamming-loss"],
        ].map(([label, value, testId]) => (
          <div key={testId} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd data-testid={testId} className="text-lg font-semibold tabular-nums">
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500">On {metrics.n} test rows with gold; a class applies where its probability is at least 0.5.</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="multi-label-model-classes" className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th className={th}>Class</th>
              <th className={`${th} text-right`}>Precision</th>
              <th className={`${th} text-right`}>Recall</th>
              <th className={`${th} text-right`}>F1</th>
              <th className={`${th} text-right`}>Support</th>
              <th className={`${th} text-right`}>Predicted</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {metrics.perClass.map((c) => (
              <tr key={c.class} data-testid="multi-label-model-class" data-class={c.class}>
                <td className={`${th} font-medium`}>{c.class}</td>
                <td className={num}>{pct(c.precision)}</td>
                <td className={num}>{pct(c.recall)}</td>
                <td className={num}>{c.f1.toFixed(3)}</td>
                <td className={num}>{c.support}</td>
                <td className={num}>{c.predicted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
