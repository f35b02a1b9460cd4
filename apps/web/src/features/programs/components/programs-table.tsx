"use client";

// A client component rendered on the server: the flight payload carries the rows' data instead of
// the serialized element tree of every cell (which cost more CPU than rendering the HTML).
import Link from "next/link";
import { formatPercent } from "@/lib/format-percent";
import { formatCount } from "@/lib/format-count";
import { applyProgramTableQuery, tableHref, type ProgramTableQuery, type SortKey } from "../program-table-query";
import { mergeProgramRows, type StoredProgram } from "../merge-program-rows";
import type { RunAnalysis } from "@/features/runs/client";
import { ProgramToggle, useProgramToggles } from "./program-toggle";
import { StoppedNote, faultTitle } from "./stopped-note";

const NUMERIC_HEADERS: { label: string; key: SortKey }[] = [
  { label: "Coverage", key: "coverage" },
  { label: "Overlaps", key: "overlaps" },
  { label: "Conflicts", key: "conflicts" },
  { label: "Dev accuracy", key: "accuracy" },
  { label: "Faults", key: "faults" },
];
const num = "px-4 py-3 text-right tabular-nums";
const DEFAULT_QUERY: ProgramTableQuery = { dir: "desc", page: 1 };

function SortHeader({
  label,
  sortKey,
  query,
  path,
  align,
}: {
  label: string;
  sortKey: SortKey;
  query: ProgramTableQuery;
  path: string;
  align: "left" | "right";
}) {
  const active = query.sort === sortKey;
  // first click: names A-Z, figures highest first; a second click flips
  const dir = active ? (query.dir === "asc" ? "desc" : "asc") : sortKey === "name" ? "asc" : "desc";
  return (
    <th className={`px-4 py-3 ${align === "right" ? "text-right" : ""}`} aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link
        prefetch={false}
        href={tableHref(path, query, { sort: sortKey, dir })}
        data-testid={`sort-${sortKey}`}
        className={`hover:text-slate-800 ${active ? "text-indigo-700" : ""}`}
      >
        {label}
        {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

function Filters({ query, path }: { query: ProgramTableQuery; path: string }) {
  return (
    <form method="get" action={`${path}#programs`} data-testid="programs-filter" className="flex flex-wrap items-end gap-2 text-sm">
      {query.sort && <input type="hidden" name="sort" value={query.sort} />}
      {query.sort && <input type="hidden" name="dir" value={query.dir} />}
      <input name="q" defaultValue={query.q ?? ""} placeholder="Filter by name" aria-label="Filter by name" data-testid="filter-name" className="input w-48" />
      <select name="lang" defaultValue={query.lang ?? ""} aria-label="Language" data-testid="filter-language" className="input">
        <option value="">Any language</option>
        <option value="python">Python</option>
        <option value="javascript">JavaScript</option>
      </select>
      <select name="enabled" defaultValue={query.enabled ?? ""} aria-label="Enabled" data-testid="filter-enabled" className="input">
        <option value="">On and off</option>
        <option value="on">Enabled</option>
        <option value="off">Disabled</option>
      </select>
      <select name="faults" defaultValue={query.faults ?? ""} aria-label="Faults" data-testid="filter-faults" className="input">
        <option value="">Any faults</option>
        <option value="yes">Has faults</option>
        <option value="no">No faults</option>
      </select>
      <button type="submit" data-testid="filter-apply" className="btn-secondary">
        Filter
      </button>
      {(query.q || query.lang || query.enabled || query.faults) && (
        <Link
          prefetch={false}
          href={tableHref(path, query, { q: undefined, lang: undefined, enabled: undefined, faults: undefined })}
          data-testid="filter-clear"
          className="self-center text-indigo-700 hover:underline"
        >
          Clear
        </Link>
      )}
    </form>
  );
}

/**
 * Per-program LF analysis: polarity as class names, coverage, overlaps, conflicts, dev accuracy,
 * faults. With `projectId`, sortable by any column and filterable by name, language, enabled and
 * faults through URL search params (the server sorts, filters and pages: 50 rows a page). The
 * on/off switches work for `canEdit` members only (the caller's role, `roleAllows(role, "edit")`).
 *
 * @example
 * <ProgramsTable programs={project.programs} analysis={run.analysis} classNames={["ham", "spam"]} projectId={id} query={query} canEdit />
 */
export function ProgramsTable(props: {
  programs: readonly StoredProgram[];
  analysis: RunAnalysis;
  classNames: readonly string[];
  projectId?: string;
  query?: ProgramTableQuery;
  canEdit?: boolean;
  /** The newest round's prune flags by program name (the Generate page's rounds). */
  pruneFlags?: Readonly<Record<string, { round: number; reason: string; detail: string; disabled: boolean }>>;
}) {
  const query = props.query ?? DEFAULT_QUERY;
  const path = props.projectId ? `/projects/${props.projectId}` : "";
  const all = mergeProgramRows(props.programs, props.analysis.programs);
  const { rows, total, pages, page } = applyProgramTableQuery(all, query);
  const sortable = props.projectId !== undefined;
  const toggles = useProgramToggles(props.projectId ?? "");
  return (
    <div id="programs" className="space-y-2">
      {sortable && <Filters query={query} path={path} />}
      {props.projectId && toggles.form}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="programs-table" className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              {props.projectId && <th className="w-12 px-4 py-3">On</th>}
              {sortable ? <SortHeader label="Program" sortKey="name" query={query} path={path} align="left" /> : <th className="px-4 py-3">Program</th>}
              <th className="px-4 py-3">Polarity</th>
              {NUMERIC_HEADERS.map(({ label, key }) =>
                sortable ? (
                  <SortHeader key={key} label={label} sortKey={key} query={query} path={path} align="right" />
                ) : (
                  <th key={key} className="px-4 py-3 text-right">
                    {label}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(({ key, name, program, analysis }) => (
              <tr key={key} data-testid="program-row" data-program-name={name}>
                {props.projectId && (
                  <td className="px-4 py-3">
                    {program && <ProgramToggle toggles={toggles} programId={program.id} enabled={program.enabled} canEdit={props.canEdit ?? false} />}
                  </td>
                )}
                <td className="px-4 py-3">
                  {props.projectId && program ? (
                    <Link prefetch={false} href={`/projects/${props.projectId}/programs/${program.id}`} className="text-indigo-700 hover:underline">
                      <span data-testid="program-name" className="font-mono text-[13px] font-medium">
                        {name}
                      </span>
                    </Link>
                  ) : (
                    <span data-testid="program-name" className="font-mono text-[13px] font-medium">
                      {name}
                    </span>
                  )}
                  {program?.language && <span className="ml-2 text-xs text-slate-400">{program.language.toLowerCase()}</span>}
                  {!program && <span className="ml-2 text-xs text-amber-700">deleted</span>}
                  {program && !program.enabled && <span className="ml-2 text-xs text-slate-400">disabled</span>}
                  {props.pruneFlags?.[name] && (
                    <span
                      data-testid="program-prune-flag"
                      data-reason={props.pruneFlags[name].reason}
                      title={`Round ${props.pruneFlags[name].round} pruning: ${props.pruneFlags[name].detail}`}
                      className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800"
                    >
                      {props.pruneFlags[name].disabled ? "pruned" : "flagged"}: {props.pruneFlags[name].detail}
                    </span>
                  )}
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
                    <td className={num} data-testid="program-coverage">
                      {formatPercent(analysis.coverage)}
                    </td>
                    <td className={num} data-testid="program-overlaps">
                      {formatPercent(analysis.overlaps)}
                    </td>
                    <td className={num} data-testid="program-conflicts">
                      {formatPercent(analysis.conflicts)}
                    </td>
                    <td className={num} data-testid="program-accuracy">
                      {formatPercent(analysis.empiricalAccuracy)}
                    </td>
                    <td
                      className={`${num} ${analysis.faults > 0 ? "text-rose-700" : "text-slate-400"}`}
                      data-testid="program-faults"
                      title={faultTitle(analysis.faultKinds, analysis.stopped)}
                    >
                      {formatCount(analysis.faults)}
                      {analysis.stopped && <StoppedNote stopped={analysis.stopped} />}
                    </td>
                  </>
                ) : (
                  <td colSpan={5} className="px-4 py-3 text-right text-xs text-slate-400">
                    not in this run
                  </td>
                )}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} data-testid="programs-none" className="px-4 py-6 text-center text-slate-500">
                  No program matches these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {sortable && (total !== all.length || pages > 1) && (
        <p data-testid="programs-count" className="flex items-center gap-3 text-xs text-slate-500">
          <span>
            {total} of {all.length} programs{pages > 1 ? `, page ${page} of ${pages}` : ""}
          </span>
          {page > 1 && (
            <Link prefetch={false} href={tableHref(path, query, { page: page - 1 })} className="text-indigo-700 hover:underline">
              Previous
            </Link>
          )}
          {page < pages && (
            <Link prefetch={false} href={tableHref(path, query, { page: page + 1 })} className="text-indigo-700 hover:underline">
              Next
            </Link>
          )}
        </p>
      )}
    </div>
  );
}
