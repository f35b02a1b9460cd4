import Link from "next/link";
import { formatPercent } from "@/lib/format-percent";
import { formatCount } from "@/lib/format-count";
import { mergeProgramRows, type StoredProgram } from "../merge-program-rows";
import type { RunAnalysis } from "../parse-run-analysis";
import { ProgramToggle } from "./program-toggle";

const NUMERIC_HEADERS = ["Coverage", "Overlaps", "Conflicts", "Dev accuracy", "Faults"];
const num = "px-4 py-3 text-right tabular-nums";

/**
 * Per-program LF analysis: polarity as class names, coverage, overlaps, conflicts, dev accuracy, faults.
 *
 * @example
 * <ProgramsTable programs={project.programs} analysis={run.analysis} classNames={["ham", "spam"]} />
 */
export function ProgramsTable(props: { programs: readonly StoredProgram[]; analysis: RunAnalysis; classNames: readonly string[]; projectId?: string }) {
  const rows = mergeProgramRows(props.programs, props.analysis.programs);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table data-testid="programs-table" className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            {props.projectId && <th className="w-12 px-4 py-3">On</th>}
            <th className="px-4 py-3">Program</th>
            <th className="px-4 py-3">Polarity</th>
            {NUMERIC_HEADERS.map((header) => (
              <th key={header} className="px-4 py-3 text-right">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(({ key, name, program, analysis }) => (
            <tr key={key} data-testid="program-row" data-program-name={name}>
              {props.projectId && (
                <td className="px-4 py-3">{program && <ProgramToggle projectId={props.projectId} programId={program.id} enabled={program.enabled} />}</td>
              )}
              <td className="px-4 py-3">
                {props.projectId && program ? (
                  <Link href={`/projects/${props.projectId}/programs/${program.id}`} className="text-indigo-700 hover:underline">
                    <span data-testid="program-name" className="font-mono text-[13px] font-medium">{name}</span>
                  </Link>
                ) : (
                  <span data-testid="program-name" className="font-mono text-[13px] font-medium">{name}</span>
                )}
                {program?.language && <span className="ml-2 text-xs text-slate-400">{program.language.toLowerCase()}</span>}
                {!program && <span className="ml-2 text-xs text-amber-700">deleted</span>}
                {program && !program.enabled && <span className="ml-2 text-xs text-slate-400">disabled</span>}
              </td>
              <td className="px-4 py-3" data-testid="program-polarity">
                {analysis?.polarity.map((index) => (
                  <span key={index} className="mr-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                    {props.classNames[index] ?? `class ${index}`}
                  </span>
                ))}
              </td>
              {analysis ? (
                <>
                  <td className={num} data-testid="program-coverage">{formatPercent(analysis.coverage)}</td>
                  <td className={num} data-testid="program-overlaps">{formatPercent(analysis.overlaps)}</td>
                  <td className={num} data-testid="program-conflicts">{formatPercent(analysis.conflicts)}</td>
                  <td className={num} data-testid="program-accuracy">{formatPercent(analysis.empiricalAccuracy)}</td>
                  <td className={`${num} ${analysis.faults > 0 ? "text-rose-700" : "text-slate-400"}`} data-testid="program-faults"
                    title={Object.entries(analysis.faultKinds).map(([kind, n]) => `${kind}: ${n}`).join(", ") || undefined}>
                    {formatCount(analysis.faults)}
                  </td>
                </>
              ) : (
                <td colSpan={5} className="px-4 py-3 text-right text-xs text-slate-400">not in this run</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
