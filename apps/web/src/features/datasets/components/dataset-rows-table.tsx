"use client";

import Link from "next/link";

/** One dataset row as the rows page shows it. */
export interface DatasetRowView {
  readonly id: string;
  readonly index: number;
  readonly externalId: string;
  readonly split: string;
  readonly gold: number | null;
  readonly goldSource: string;
  readonly fields: unknown;
  readonly pseudolabel: { label: number; confidence: number } | null;
  /** This page's URL with the row's drawer open. */
  readonly href: string;
}

/**
 * A page of dataset rows (one column per field, text cut to one line: "Open" shows it whole).
 * A client component rendered on the server: the page ships the rows' data, not the serialized
 * element tree of every cell.
 *
 * @example
 * <DatasetRowsTable rows={rows} classNames={["ham", "spam"]} openIndex={null} />
 */
export function DatasetRowsTable({
  rows,
  classNames,
  setNames = null,
  openIndex,
}: {
  rows: readonly DatasetRowView[];
  classNames: readonly string[];
  /** A multi-label project: gold is a class-set bitmask, named by its list. */
  setNames?: readonly string[] | null;
  openIndex: number | null;
}) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.fields as object)))];
  const name = (c: number) => classNames[c] ?? String(c);
  const hasPseudo = rows.some((r) => r.pseudolabel);
  if (rows.length === 0)
    return (
      <p data-testid="rows-empty" className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">
        No rows match.
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table data-testid="rows-table" className="w-full text-xs">
        <thead className="bg-slate-50 text-left font-medium text-slate-500">
          <tr>
            <th className="px-3 py-2">#</th>
            <th className="px-3 py-2">id</th>
            <th className="px-3 py-2">split</th>
            <th className="px-3 py-2">gold</th>
            {hasPseudo && <th className="px-3 py-2">pseudolabel</th>}
            {columns.map((c) => (
              <th key={c} className="px-3 py-2">
                {c}
              </th>
            ))}
            <th className="px-3 py-2">
              <span className="sr-only">open</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="data-row" data-index={row.index} className={row.index === openIndex ? "bg-indigo-50" : undefined}>
              <td className="px-3 py-1.5 tabular-nums text-slate-400">{row.index + 1}</td>
              <td className="px-3 py-1.5 font-mono">{row.externalId}</td>
              <td className="px-3 py-1.5">{row.split.toLowerCase()}</td>
              <td className="px-3 py-1.5" title={row.gold === null ? undefined : row.goldSource === "REVIEW" ? "decided in review" : "imported with the data"}>
                {row.gold === null ? "" : setNames ? (setNames[row.gold] ?? String(row.gold)) : name(row.gold)}
              </td>
              {hasPseudo && (
                <td className="px-3 py-1.5 whitespace-nowrap">
                  {row.pseudolabel ? `${name(row.pseudolabel.label)} ${(row.pseudolabel.confidence * 100).toFixed(0)}%` : ""}
                </td>
              )}
              {columns.map((c) => (
                <td key={c} className="max-w-lg truncate px-3 py-1.5">
                  {String((row.fields as Record<string, unknown>)[c] ?? "")}
                </td>
              ))}
              <td className="px-3 py-1.5">
                <Link href={row.href} scroll={false} prefetch={false} className="text-indigo-700 underline" aria-label={`Open row ${row.index + 1}`}>
                  Open
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
