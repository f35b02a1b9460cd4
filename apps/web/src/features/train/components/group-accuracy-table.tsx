import type { GroupAccuracyReport } from "@alchemist/engine";
import { formatPercent } from "@/lib/format-percent";

const th = "px-3 py-2";

/**
 * Worst-group accuracy of a model on its test rows, per group field (Waterbirds-style robustness:
 * a group is a class with one value of the field): the worst group of the distilled model and of
 * the label model, then every group's accuracy side by side, the worst ones marked.
 *
 * @example
 * <GroupAccuracyTable groups={model.groups} />
 */
export function GroupAccuracyTable({ groups }: { groups: readonly GroupAccuracyReport[] }) {
  return (
    <section data-testid="group-accuracy" className="space-y-3">
      {groups.map((report) => {
        const labelModel = new Map(report.labelModel.groups.map((g) => [g.group, g.accuracy]));
        return (
          <div
            key={report.field}
            data-testid="group-accuracy-field"
            data-field={report.field}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <h3 className="text-sm font-semibold text-slate-800">
              Worst-group accuracy by <span className="font-mono">{report.field}</span>
            </h3>
            <p className="mt-1 text-sm text-slate-600">
              Distilled model:{" "}
              <span data-testid="worst-group-accuracy" className="font-semibold tabular-nums text-slate-900">
                {formatPercent(report.distilled.worst?.accuracy)}
              </span>{" "}
              on <span data-testid="worst-group">{report.distilled.worst?.group ?? "—"}</span> · label model{" "}
              <span className="tabular-nums">{formatPercent(report.labelModel.worst?.accuracy)}</span> on {report.labelModel.worst?.group ?? "—"} · average over
              groups {formatPercent(report.distilled.average)}
            </p>
            <table className="mt-2 w-full text-sm">
              <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th className={th}>Group (class / {report.field})</th>
                  <th className={`${th} text-right`}>Test rows</th>
                  <th className={`${th} text-right`}>Distilled model</th>
                  <th className={`${th} text-right`}>Label model</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.distilled.groups.map((g) => (
                  <tr key={g.group} data-testid="group-row" className={g.group === report.distilled.worst?.group ? "bg-amber-50" : undefined}>
                    <td className={th}>{g.group}</td>
                    <td className={`${th} text-right tabular-nums`}>{g.n}</td>
                    <td className={`${th} text-right tabular-nums`}>{formatPercent(g.accuracy)}</td>
                    <td className={`${th} text-right tabular-nums`}>{formatPercent(labelModel.get(g.group))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
