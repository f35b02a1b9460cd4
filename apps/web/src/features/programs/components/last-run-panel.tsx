import { formatPercent } from "@/lib/format-percent";
import type { ProgramLastRun } from "../server/get-program-last-run";

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The program's figures in the newest run that applied it: coverage, dev accuracy and faults (by
 * kind), a red warning when it faulted on every row (it labels nothing), and a note when the
 * page shows another version than the run applied.
 *
 * @example
 * <LastRunPanel lastRun={lastRun} shownVersion={2} />
 */
export function LastRunPanel({ lastRun, shownVersion }: { lastRun: ProgramLastRun | null; shownVersion: number }) {
  if (!lastRun) {
    return (
      <p data-testid="last-run" data-state="none" className="text-sm text-slate-500">
        No run has applied this program yet: apply the programs to see its coverage, dev accuracy and faults.
      </p>
    );
  }
  const judged = lastRun.devCorrect !== null && lastRun.devIncorrect !== null ? lastRun.devCorrect + lastRun.devIncorrect : null;
  const kinds = Object.entries(lastRun.faultKinds)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return (
    <section
      data-testid="last-run"
      data-state={lastRun.faultedEveryRow ? "all-faults" : "ok"}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
    >
      <h3 className="font-semibold">
        Last run: {lastRun.runName}
        {lastRun.version !== null && <span className="font-normal text-slate-500"> (applied v{lastRun.version})</span>}
      </h3>
      {lastRun.faultedEveryRow && (
        <p role="alert" data-testid="last-run-all-faults" className="rounded-md bg-rose-50 px-3 py-2 font-medium text-rose-800 ring-1 ring-rose-600/20">
          It faulted on every one of the {count(lastRun.rows ?? lastRun.faults)} rows: it labels nothing.{kinds[0] ? ` Most faults: ${kinds[0][0]}.` : ""} Run
          it on sample with the “faults” filter to see the errors.
        </p>
      )}
      <dl className="grid grid-cols-3 gap-3">
        <div>
          <dt className="text-xs text-slate-500">Coverage</dt>
          <dd data-testid="last-run-coverage" className="font-mono">
            {formatPercent(lastRun.coverage)}
          </dd>
          {lastRun.votes !== null && lastRun.rows !== null && (
            <dd className="text-xs text-slate-500">
              {count(lastRun.votes)} of {count(lastRun.rows)} rows
            </dd>
          )}
        </div>
        <div>
          <dt className="text-xs text-slate-500">Dev accuracy</dt>
          <dd data-testid="last-run-accuracy" className="font-mono">
            {formatPercent(lastRun.devAccuracy)}
          </dd>
          {judged !== null && judged > 0 && (
            <dd className="text-xs text-slate-500">
              {count(lastRun.devCorrect!)} right, {count(lastRun.devIncorrect!)} wrong
            </dd>
          )}
        </div>
        <div>
          <dt className="text-xs text-slate-500">Faults</dt>
          <dd data-testid="last-run-faults" className={`font-mono ${lastRun.faults > 0 ? "text-rose-700" : ""}`}>
            {count(lastRun.faults)}
          </dd>
          {kinds.length > 0 && <dd className="text-xs text-slate-500">{kinds.map(([kind, n]) => `${kind} ${count(n)}`).join(", ")}</dd>}
        </div>
      </dl>
      {lastRun.stopped && (
        <p className="text-xs text-rose-700">
          The runner stopped it at row {count(lastRun.stopped.row)}: {lastRun.stopped.reason}.
        </p>
      )}
      {lastRun.version !== null && lastRun.version !== shownVersion && (
        <p data-testid="last-run-other-version" className="text-xs text-amber-700">
          These figures are for v{lastRun.version}; this page shows v{shownVersion}. Apply the programs again to measure it.
        </p>
      )}
    </section>
  );
}
