import Link from "next/link";
import type { RowDetail } from "@alchemist/db";

/**
 * The rows page's drawer for one row: every field in full, gold and where it came from, every
 * program's vote in the newest analysed run and the pseudolabel's class probabilities.
 *
 * @example
 * <RowDrawer detail={detail} classes={["ham", "spam"]} closeHref={base} />
 */
export function RowDrawer({
  detail,
  classes,
  setNames = null,
  closeHref,
}: {
  detail: RowDetail;
  classes: readonly string[];
  /** A multi-label project: gold and votes are class-set bitmasks, named by their lists. */
  setNames?: readonly string[] | null;
  closeHref: string;
}) {
  const name = (c: number) => classes[c] ?? String(c);
  const setName = (mask: number) => (setNames ? (setNames[mask] ?? String(mask)) : name(mask));
  const fields = Object.entries((detail.fields ?? {}) as Record<string, unknown>);
  const best = detail.probs ? detail.probs.indexOf(Math.max(...detail.probs)) : -1;
  return (
    <aside
      role="dialog"
      aria-label={`Row ${detail.index + 1}`}
      data-testid="row-drawer"
      className="fixed inset-y-0 right-0 z-40 w-full max-w-xl overflow-y-auto border-l border-slate-200 bg-white p-6 shadow-2xl"
    >
      <div className="flex items-start justify-between gap-4">
        <h3 className="text-lg font-semibold">
          Row {detail.index + 1} <span className="font-mono text-sm text-slate-500">{detail.externalId}</span>
        </h3>
        <Link href={closeHref} scroll={false} prefetch={false} className="btn-secondary">
          Close
        </Link>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {detail.split.toLowerCase()} · gold: <strong data-testid="drawer-gold">{detail.gold === null ? "none" : setName(detail.gold)}</strong>
        {detail.gold !== null && <> ({detail.goldSource === "REVIEW" ? "decided in review" : "imported"})</>}
      </p>
      <dl className="mt-4 space-y-3">
        {fields.map(([key, value]) => (
          <div key={key}>
            <dt className="text-xs font-medium uppercase text-slate-500">{key}</dt>
            <dd data-testid="drawer-field" className="whitespace-pre-wrap break-words text-sm">
              {typeof value === "string" ? value : JSON.stringify(value)}
            </dd>
          </div>
        ))}
      </dl>
      <h4 className="mt-6 font-medium">Pseudolabel</h4>
      {detail.probs ? (
        <ul data-testid="drawer-pseudolabel" className="mt-2 space-y-1 text-sm">
          {detail.probs.map((p, c) => (
            <li key={c} className="flex items-center gap-2">
              <span className={`w-28 truncate ${c === best ? "font-semibold" : ""}`}>{name(c)}</span>
              <span className="h-2 flex-1 rounded bg-slate-100">
                <span className="block h-2 rounded bg-indigo-500" style={{ width: `${(p * 100).toFixed(1)}%` }} />
              </span>
              <span className="w-14 text-right tabular-nums">{(p * 100).toFixed(1)}%</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-500">No pseudolabel yet (the label model has not been fitted on an analysed run).</p>
      )}
      <h4 className="mt-6 font-medium">Program votes</h4>
      {detail.votes.length ? (
        <table data-testid="drawer-votes" className="mt-2 w-full text-sm">
          <tbody className="divide-y divide-slate-100">
            {detail.votes.map((v, j) => (
              <tr key={j}>
                <td className="py-1 font-mono text-xs">{v.name}</td>
                <td className={`py-1 text-right ${v.vote < 0 ? "text-slate-400" : detail.gold !== null && v.vote !== detail.gold ? "text-red-700" : ""}`}>
                  {v.vote < 0 ? "abstains" : setName(v.vote)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-2 text-sm text-slate-500">No analysed run yet.</p>
      )}
    </aside>
  );
}
