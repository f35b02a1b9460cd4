import { formatPercent } from "@/lib/format-percent";
import type { LabelModelView } from "../label-model-view";

const th = "px-3 py-2";
const num = "px-3 py-2 text-right tabular-nums";

/**
 * A multi-label run's label models: one binary choice per class (fitted on that class's votes,
 * chosen on dev gold) and the test metrics of the classes at probability >= 0.5: micro and macro
 * F1 overall, precision/recall/F1 per class. Test gold only reports, it never chooses.
 *
 * @example
 * <MultiLabelLabelModels view={metrics.multiLabel} />
 */
export function MultiLabelLabelModels({ view }: { view: NonNullable<LabelModelView["multiLabel"]> }) {
  const test = view.test;
  return (
    <section data-testid="multi-label-label-models" className="space-y-3">
      <p className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-indigo-900">
        <span className="font-semibold">Multi-label: one label model per class</span> (present vs absent, chosen on dev gold); a class applies where its
        probability is at least {view.threshold}.{" "}
        {test ? (
          <>
            On {test.n} test rows with gold: micro-F1 <span data-testid="lm-micro-f1">{test.microF1.toFixed(3)}</span>, macro-F1{" "}
            <span data-testid="lm-macro-f1">{test.macroF1.toFixed(3)}</span>, exact-set accuracy {formatPercent(test.subsetAccuracy)}.
          </>
        ) : (
          "No test row has gold, so there are no test metrics."
        )}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="multi-label-class-table" className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th className={th}>Class</th>
              <th className={th}>Label model</th>
              <th className={`${th} text-right`}>Prior (dev)</th>
              <th className={`${th} text-right`}>Test precision</th>
              <th className={`${th} text-right`}>Test recall</th>
              <th className={`${th} text-right`}>Test F1</th>
              <th className={`${th} text-right`}>Test support</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {view.perClass.map((c, i) => {
              const scored = test?.perClass[i];
              return (
                <tr key={c.class} data-testid="multi-label-class-row" data-class={c.class}>
                  <td className={`${th} font-medium`}>{c.class}</td>
                  <td className={th} title={c.reason}>
                    <span className="font-mono text-[13px]">{c.name}</span>
                  </td>
                  <td className={num}>{formatPercent(c.prior)}</td>
                  <td className={num}>{formatPercent(scored?.precision)}</td>
                  <td className={num}>{formatPercent(scored?.recall)}</td>
                  <td className={num}>{scored ? scored.f1.toFixed(3) : "—"}</td>
                  <td className={num}>{scored?.support ?? "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
