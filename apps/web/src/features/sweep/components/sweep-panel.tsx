import { getSweepData } from "../server/sweep-service";
import { SweepForm } from "./sweep-form";

const num = (x: number | null) => (x === null ? "–" : x.toFixed(3));

/**
 * "Ablation sweep" (the paper's Sec. 4.3-4.4 on the project's data): the grid form (editors) and
 * the newest sweep's table (per info kind, temperature and program count: coverage, dev and test
 * F1, calls, cost) with the engine's chart of test F1 against programs and against cost, beside
 * the zero-shot baseline.
 *
 * @example
 * <SweepPanel projectId={id} canEdit secrets={secrets} />
 */
export async function SweepPanel({ projectId, canEdit, secrets }: { projectId: string; canEdit: boolean; secrets: { provider: string; last4: string }[] }) {
  const { status, error, result, chartSvg } = await getSweepData(projectId);
  const running = status === "QUEUED" || status === "RUNNING";
  return (
    <section data-testid="sweep-panel" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h3 className="font-semibold">Ablation sweep</h3>
        <p className="text-sm text-slate-600">
          Generates programs for every info kind and temperature, scores the first 1, 2, … of them through the label model, and compares test F1 and cost with
          labeling rows zero-shot. Programs are not added to the project; answers are cached, so the same grid again costs nothing.
        </p>
      </div>
      {canEdit && <SweepForm projectId={projectId} secrets={secrets} running={running} />}
      {status && (
        <p data-testid="sweep-status" className="text-sm text-slate-600">
          Newest sweep: {status.toLowerCase()}
          {error ? `: ${error}` : ""}
        </p>
      )}
      {result && (
        <>
          <div className="overflow-x-auto">
            <table data-testid="sweep-table" className="w-full text-sm [&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th>Info</th>
                  <th className="text-right">Temperature</th>
                  <th className="text-right">Programs</th>
                  <th className="text-right">Coverage</th>
                  <th className="text-right">Dev F1</th>
                  <th className="text-right">Test F1</th>
                  <th className="text-right">Calls</th>
                  <th className="text-right">Cost</th>
                </tr>
              </thead>
              <tbody>
                {result.points.map((p) => (
                  <tr key={`${p.info}-${p.temperature}-${p.programs}`} data-testid="sweep-point" className="border-t border-slate-100">
                    <td>{p.info}</td>
                    <td className="text-right tabular-nums">{p.temperature}</td>
                    <td className="text-right tabular-nums">{p.available < p.programs ? `${p.available} of ${p.programs}` : p.programs}</td>
                    <td className="text-right tabular-nums">{(p.coverage * 100).toFixed(1)}%</td>
                    <td className="text-right tabular-nums">{num(p.dev.f1)}</td>
                    <td data-testid="sweep-test-f1" className="text-right tabular-nums">
                      {num(p.test.f1)}
                    </td>
                    <td className="text-right tabular-nums">{p.calls}</td>
                    <td className="text-right tabular-nums">${p.costUsd.toFixed(4)}</td>
                  </tr>
                ))}
                <tr data-testid="sweep-baseline" className="border-t border-slate-300 font-medium">
                  <td colSpan={5}>
                    zero-shot{result.baseline.rows > 0 ? ` on ${result.baseline.rows} test rows` : " (not run)"}; every row would cost $
                    {result.baseline.costUsd.toFixed(4)}
                  </td>
                  <td className="text-right tabular-nums">{num(result.baseline.f1)}</td>
                  <td colSpan={2} className="text-right tabular-nums">
                    this sweep: {result.spent.calls} paid calls, {result.spent.cachedCalls} from the cache, ${result.spent.costUsd.toFixed(4)}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          {/* the engine's SVG: cell names are fixed info kinds and numbers, escaped by the engine */}
          {chartSvg && <figure data-testid="sweep-chart" className="overflow-x-auto" dangerouslySetInnerHTML={{ __html: chartSvg }} />}
        </>
      )}
    </section>
  );
}
