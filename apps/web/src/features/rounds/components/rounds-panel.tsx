import { getRoundsData, type RoundRow } from "../server/rounds-service";
import { NextRoundForm } from "./next-round-form";

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? "–" : x.toFixed(3));

function aimed(r: RoundRow): string {
  if (r.round === 1 || !r.aimedAt) return r.round === 1 ? "programs before the first round" : "–";
  const a = r.aimedAt;
  return [
    `${a.uncovered} uncovered`,
    `${a.conflicted} conflicting`,
    `${a.uncertain} unsure`,
    `${a.devErrors} dev errors`,
    ...(a.weakClasses.length ? [`weak ${a.weakClasses.join("/")}`] : []),
  ].join(", ");
}

function outcome(r: RoundRow): string {
  if (r.status === "QUEUED" || r.status === "RUNNING") return "running";
  if (r.status !== "SUCCEEDED") return `${r.status.toLowerCase()}${r.error ? `: ${r.error}` : ""}`;
  if (r.round === 1) return "base";
  return r.kept ? "kept" : `not kept (${r.stoppedBy ?? "no improvement"})`;
}

/**
 * "Rounds": the Next round button (editors) and, per round, what it aimed at, programs added,
 * coverage, the label model's dev F1 and the cost, with the engine's per-round chart.
 *
 * @example
 * <RoundsPanel projectId={id} canEdit secrets={secrets} />
 */
export async function RoundsPanel({ projectId, canEdit, secrets }: { projectId: string; canEdit: boolean; secrets: { provider: string; last4: string }[] }) {
  const { rows, chartSvg, running } = await getRoundsData(projectId);
  return (
    <section data-testid="rounds-panel" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h3 className="font-semibold">Rounds aimed at weak spots</h3>
        <p className="text-sm text-slate-600">
          A round asks the LLM for programs aimed at the newest run&apos;s weak spots (rows no program covers, conflicting or unsure rows, dev rows the label
          model gets wrong) and keeps them only if the label model&apos;s dev F1 improves (or ties and its dev accuracy rises); a kept round applies its
          programs in a new run.
        </p>
      </div>
      {canEdit && <NextRoundForm projectId={projectId} secrets={secrets} running={running} />}
      {rows.length > 0 && (
        <div className="overflow-x-auto">
          <table data-testid="rounds-table" className="w-full text-sm [&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5">
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th>Round</th>
                <th>Outcome</th>
                <th>Aimed at</th>
                <th className="text-right">Programs added</th>
                <th className="text-right">Programs</th>
                <th className="text-right">Coverage</th>
                <th className="text-right">Dev F1</th>
                <th className="text-right">Dev accuracy</th>
                <th className="text-right">Calls</th>
                <th className="text-right">Cost</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.round}
                  data-testid={`round-${r.round}`}
                  data-kept={r.kept === null ? undefined : String(r.kept)}
                  className="border-t border-slate-100"
                >
                  <td>{r.round}</td>
                  <td data-testid="round-outcome">{outcome(r)}</td>
                  <td data-testid="round-aimed">{aimed(r)}</td>
                  <td data-testid="round-added" className="text-right tabular-nums" title={r.added.join(", ")}>
                    {r.programsAdded ?? "–"}
                  </td>
                  <td className="text-right tabular-nums">{r.programs ?? "–"}</td>
                  <td data-testid="round-coverage" className="text-right tabular-nums">
                    {pct(r.coverage)}
                  </td>
                  <td data-testid="round-dev-f1" className="text-right tabular-nums">
                    {num(r.devF1)}
                  </td>
                  <td data-testid="round-dev-accuracy" className="text-right tabular-nums">
                    {num(r.devAccuracy)}
                  </td>
                  <td className="text-right tabular-nums">{r.calls ?? "–"}</td>
                  <td className="text-right tabular-nums">{r.costUsd === null ? "–" : `$${r.costUsd.toFixed(4)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {/* the engine's SVG: numbers and fixed labels only, no user text */}
      {chartSvg && <figure data-testid="rounds-chart" className="max-w-2xl" dangerouslySetInnerHTML={{ __html: chartSvg }} />}
    </section>
  );
}
