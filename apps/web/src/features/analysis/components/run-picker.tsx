import { readRunNames } from "@/features/runs";
import type { RunOption } from "../server/get-analysis-page";

/**
 * Picks which finished run a page shows: a plain GET form, so it works before hydration. Runs go
 * by their names ("Run 4 · 2 programs edited"), the finish time after them.
 *
 * @example
 * <RunPicker projectId={id} runs={runs} current={run.id} path="analysis" />
 */
export async function RunPicker({
  projectId,
  runs,
  current,
  path,
}: {
  projectId: string;
  runs: readonly RunOption[];
  current: string | null;
  path: "analysis" | "label-model";
}) {
  const names = await readRunNames(projectId);
  return (
    <form method="get" action={`/projects/${projectId}/${path}`} className="flex items-center gap-2 text-sm" data-testid="run-picker">
      <label htmlFor="run" className="text-slate-600">
        Run
      </label>
      <select id="run" name="run" defaultValue={current ?? undefined} className="rounded border border-slate-300 bg-white px-2 py-1">
        {runs.map((r, i) => (
          <option key={r.id} value={r.id}>
            {names.runs.get(r.id) ?? "Run"}
            {i === 0 ? " (latest)" : ""} · {r.createdAt.slice(0, 16).replace("T", " ")} UTC{r.labelModel ? ` · ${r.labelModel}` : ""}
          </option>
        ))}
      </select>
      <button type="submit" className="btn-secondary">
        Show
      </button>
    </form>
  );
}
