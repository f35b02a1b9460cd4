import type { TryProgramResult } from "@alchemist/jobs";
import { imageUrl } from "@/features/images/client";

const voteName = (vote: number, classNames: readonly string[]) => (vote < 0 ? "abstain" : (classNames[vote] ?? `class ${vote}`));
const count = (n: number) => n.toLocaleString("en-US");
const FILTER_WORDS: Record<TryProgramResult["filter"], string> = {
  all: "",
  fires: "it votes on",
  wrong: "it votes wrong on (dev gold)",
  conflicts: "where another enabled program votes another class",
  faults: "it faults on",
};

/**
 * Per-row results of "run on sample": split, input, gold (DEV rows only), raw output, vote and
 * fault; wrong votes (against dev gold) are coloured; with the "conflicts" filter, which programs
 * disagree. Static-check errors instead when the code does not compile. On an image dataset each
 * row shows the picture's thumbnail and the concept scores the program read.
 *
 * @example
 * <TryResults projectId={projectId} result={result} />
 */
export function TryResults({ projectId, result }: { projectId: string; result: TryProgramResult }) {
  if (result.checkErrors.length > 0) {
    return (
      <div role="alert" data-testid="check-errors" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
        <p className="font-medium">The program does not compile:</p>
        <ul className="mt-1 list-disc pl-5 font-mono text-xs">
          {result.checkErrors.map((e, i) => (
            <li key={i}>
              {e.line ? `line ${e.line}: ` : ""}
              {e.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const fired = result.rows.filter((r) => r.vote >= 0).length;
  const judged = result.rows.filter((r) => r.vote >= 0 && r.gold !== null);
  const correct = judged.filter((r) => r.vote === r.gold).length;
  const faults = result.rows.filter((r) => r.fault).length;
  const conflicts = result.filter === "conflicts";
  const filtered = result.filter !== "all";
  const imageDatasetId = result.imageDatasetId;
  return (
    <section className="space-y-2">
      {filtered && (
        <p data-testid="try-filter-summary" className="text-sm text-slate-700">
          {result.matched === 0
            ? `No rows ${FILTER_WORDS[result.filter]} in the ${count(result.scanned)} rows scanned.`
            : `${count(result.matched)} of ${count(result.scanned)} scanned rows ${FILTER_WORDS[result.filter]}${result.matched > result.rows.length ? `; showing the first ${count(result.rows.length)}` : ""}.`}
        </p>
      )}
      <p data-testid="try-summary" className="text-sm text-slate-600">
        Voted on {fired} of {result.rows.length} rows{judged.length ? `, ${correct} of ${judged.length} correct on dev gold` : ""}
        {faults ? `, ${faults} fault(s)` : ""} · {result.millis} ms
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table data-testid="try-results" className="w-full text-xs">
          <thead className="bg-slate-50 text-left font-medium text-slate-500">
            <tr>
              <th className="px-3 py-2">Row</th>
              {imageDatasetId && <th className="px-3 py-2">Picture</th>}
              <th className="px-3 py-2">{imageDatasetId ? "Concept scores" : "Input"}</th>
              <th className="px-3 py-2">Split</th>
              <th className="px-3 py-2">Gold</th>
              <th className="px-3 py-2">Output</th>
              <th className="px-3 py-2">Vote</th>
              {conflicts && <th className="px-3 py-2">Disagrees with</th>}
              <th className="px-3 py-2">Error</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.rows.map((row) => {
              const wrong = row.vote >= 0 && row.gold !== null && row.gold !== row.vote;
              return (
                <tr key={row.index} data-testid="try-row" data-vote={row.vote} data-wrong={wrong} className={wrong ? "bg-rose-50" : undefined}>
                  <td className="px-3 py-1.5 font-mono">{row.id}</td>
                  {imageDatasetId && (
                    <td className="px-3 py-1.5">
                      <img
                        data-testid="try-thumbnail"
                        src={imageUrl(projectId, imageDatasetId, row.index)}
                        alt={row.id}
                        width={64}
                        height={64}
                        loading="lazy"
                        className="h-16 w-16 rounded object-cover"
                      />
                    </td>
                  )}
                  {row.scores ? (
                    <td className="px-3 py-1.5">
                      <table data-testid="try-scores" className="text-[11px] text-slate-600">
                        <tbody>
                          {Object.entries(row.scores)
                            .sort((a, b) => b[1] - a[1])
                            .map(([concept, score]) => (
                              <tr key={concept}>
                                <td className="max-w-xs truncate pr-2" title={concept}>
                                  {concept}
                                </td>
                                <td className="text-right font-mono">{score.toFixed(3)}</td>
                              </tr>
                            ))}
                        </tbody>
                      </table>
                    </td>
                  ) : (
                    <td className="max-w-md truncate px-3 py-1.5" title={row.input}>
                      {row.input}
                    </td>
                  )}
                  <td className="px-3 py-1.5 text-slate-500">{row.split.toLowerCase()}</td>
                  <td className="px-3 py-1.5">{row.gold === null ? "" : voteName(row.gold, result.classNames)}</td>
                  <td className="px-3 py-1.5 font-mono">{row.output === null || row.output === undefined ? "" : JSON.stringify(row.output)}</td>
                  <td
                    className={`px-3 py-1.5 font-medium ${row.vote < 0 ? "text-slate-400" : wrong ? "text-rose-700" : row.gold !== null ? "text-emerald-700" : ""}`}
                    title={wrong ? `wrong: gold is ${voteName(row.gold!, result.classNames)}` : undefined}
                  >
                    {voteName(row.vote, result.classNames)}
                    {wrong ? " ✗" : ""}
                  </td>
                  {conflicts && <td className="px-3 py-1.5 font-mono text-amber-700">{(row.conflictsWith ?? []).join(", ")}</td>}
                  <td className="max-w-sm truncate px-3 py-1.5 text-rose-700" title={row.error ?? undefined}>
                    {row.fault ? `${row.fault}: ${row.error ?? ""}` : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
