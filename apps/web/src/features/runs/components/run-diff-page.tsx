import Link from "next/link";
import { readRunNames } from "../server/read-run-names";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { formatCount } from "@/lib/format-count";
import { formatPercent } from "@/lib/format-percent";
import type { RunDiffProgram } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";
import { DerivedJobProgress } from "@/features/jobs/client";
import { getRunDiffPage } from "../server/get-run-diff-page";

const card = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function ProgramList({
  title,
  programs,
  testId,
  render,
}: {
  title: string;
  programs: RunDiffProgram[];
  testId: string;
  render: (p: RunDiffProgram) => string;
}) {
  return (
    <div className={card} data-testid={testId}>
      <div className="text-xs uppercase text-slate-500">
        {title} ({programs.length})
      </div>
      {programs.length === 0 ? (
        <p className="mt-1 text-sm text-slate-400">none</p>
      ) : (
        <ul className="mt-1 space-y-0.5 text-sm">
          {programs.map((p) => (
            <li key={p.programId}>
              <span className="font-mono">{p.name}</span> <span className="text-slate-500">{render(p)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * `/projects/[projectId]/runs/diff?a=..&b=..`: what changed from run A to run B — programs added,
 * removed or at another version, the label-model choice, how many rows changed label, which
 * programs drove those changes, and a few of the changed rows.
 *
 * @example
 * <RunDiffPage projectId={id} a={runA} b={runB} />
 */
export async function RunDiffPage({ projectId, a, b }: { projectId: string; a: string; b: string }) {
  const actor = await authorizeProjectPage(projectId, "read");
  const [project, data, names] = await Promise.all([getProjectHeader(projectId), getRunDiffPage(projectId, a, b, actor.userId), readRunNames(projectId)]);
  const runLabel = (id: string, createdAt: string) => `${names.runs.get(id) ?? "Run"} (${when(createdAt)})`;
  if (data.status === "computing") {
    return (
      <article data-testid="run-diff-page" data-status="computing" className="space-y-6">
        <ProjectHeader project={project} current="runs" title="Compare runs" />
        <p className="text-sm text-slate-600">
          <Link href={`/projects/${projectId}/runs`} className="text-indigo-700 hover:underline">
            ← Runs
          </Link>{" "}
          · A: {runLabel(a, data.runs.a.createdAt)} → B: {runLabel(b, data.runs.b.createdAt)}
        </p>
        {data.pending.job ? (
          <DerivedJobProgress projectId={projectId} initial={data.pending.job} what="Comparing the runs chunk by chunk (stored once per pair of fits)" />
        ) : (
          <p role="alert" data-testid="diff-queue-error" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {data.pending.error}
          </p>
        )}
      </article>
    );
  }
  const { diff, classNames } = data;
  const cls = (c: number) => (c < 0 ? "none" : (classNames[c] ?? `class ${c}`));
  const top = diff.drivers[0];
  return (
    <article data-testid="run-diff-page" data-status="ready" className="space-y-6">
      <ProjectHeader project={project} current="runs" title="Compare runs" />
      <p className="text-sm text-slate-600">
        <Link href={`/projects/${projectId}/runs`} className="text-indigo-700 hover:underline">
          ← Runs
        </Link>{" "}
        · A: {runLabel(diff.runA.id, diff.runA.createdAt)} → B: {runLabel(diff.runB.id, diff.runB.createdAt)}
      </p>
      <p data-testid="diff-headline" className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-indigo-900">
        <span data-testid="diff-changed" className="font-semibold">
          {formatCount(diff.changed)}
        </span>{" "}
        of {formatCount(diff.rows)} rows changed label ({formatPercent(diff.rows ? diff.changed / diff.rows : 0)})
        {top ? (
          <>
            ; program <span className="font-mono">{top.name}</span> drove {formatCount(top.rows)} of them.
          </>
        ) : (
          "."
        )}
        {diff.labelModelOnly > 0 && <> {formatCount(diff.labelModelOnly)} changed with identical votes: the label model moved them.</>}
      </p>
      <section className="grid gap-4 md:grid-cols-4">
        <ProgramList title="Added" testId="diff-added" programs={diff.programs.added} render={(p) => `v${p.versionB}`} />
        <ProgramList title="Removed" testId="diff-removed" programs={diff.programs.removed} render={(p) => `v${p.versionA}`} />
        <ProgramList
          title="Changed version"
          testId="diff-changed-programs"
          programs={diff.programs.changed}
          render={(p) => `v${p.versionA} → v${p.versionB}`}
        />
        <div className={card} data-testid="diff-label-model">
          <div className="text-xs uppercase text-slate-500">Label model</div>
          <p className="mt-1 text-sm">
            <span className="font-mono">{diff.runA.labelModel ?? "—"}</span> → <span className="font-mono">{diff.runB.labelModel ?? "—"}</span>
            {!diff.labelModelChanged && <span className="ml-1 text-slate-500">(unchanged)</span>}
          </p>
          <p className="mt-1 text-xs text-slate-500">{diff.programs.unchanged.length} program(s) unchanged</p>
        </div>
      </section>
      <section className="grid gap-4 lg:grid-cols-2">
        <div className={card}>
          <h3 className="mb-2 text-sm font-medium">Programs that drove the changes</h3>
          {diff.drivers.length === 0 ? (
            <p className="text-sm text-slate-500">No program's votes differ on a changed row.</p>
          ) : (
            <table data-testid="diff-drivers" className="w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1">Program</th>
                  <th className="py-1 text-right">Rows</th>
                  <th className="py-1 pl-3">Share of changes</th>
                </tr>
              </thead>
              <tbody>
                {diff.drivers.map((d) => (
                  <tr key={d.programId} data-testid="diff-driver">
                    <td className="py-1 font-mono">{d.name}</td>
                    <td className="py-1 text-right tabular-nums">{formatCount(d.rows)}</td>
                    <td className="py-1 pl-3">
                      <div className="h-2 rounded bg-indigo-500" style={{ width: `${Math.max(2, (100 * d.rows) / Math.max(1, diff.changed))}%` }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-2 text-xs text-slate-500">
            A row counts for every program whose vote on it differs between the runs, so counts can add up to more than the changed rows.
          </p>
        </div>
        <div className={card}>
          <h3 className="mb-2 text-sm font-medium">Label transitions</h3>
          <ul data-testid="diff-transitions" className="space-y-1 text-sm">
            {diff.transitions.length === 0 && <li className="text-slate-500">none</li>}
            {diff.transitions.map((t) => (
              <li key={`${t.from}>${t.to}`}>
                {cls(t.from)} → {cls(t.to)}: <span className="tabular-nums">{formatCount(t.rows)}</span>
              </li>
            ))}
          </ul>
        </div>
      </section>
      {data.sampleRows.length > 0 && (
        <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table data-testid="diff-samples" className="w-full text-sm">
            <caption className="px-3 pt-3 text-left text-xs text-slate-500">The first {data.sampleRows.length} changed rows</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2">Row</th>
                <th className="px-3 py-2">Text</th>
                <th className="px-3 py-2">A → B</th>
                <th className="px-3 py-2">Programs</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.sampleRows.map((row, i) => {
                const s = diff.samples[i]!;
                const names = s.programs.map((id) => diff.drivers.find((d) => d.programId === id)?.name ?? id);
                return (
                  <tr key={row.index}>
                    <td className="px-3 py-2 font-mono text-xs">{row.externalId}</td>
                    <td className="px-3 py-2">{row.preview}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {cls(s.from)} → {cls(s.to)}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">
                      {names.length ? names.join(", ") : <span className="font-sans text-slate-500">label model</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </article>
  );
}
