"use client";

/** One dataset row as the rows page shows it. */
export interface DatasetRowView {
  readonly id: string;
  readonly index: number;
  readonly externalId: string;
  readonly split: string;
  readonly gold: number | null;
  readonly fields: unknown;
}

/**
 * A page of dataset rows (one column per field). A client component rendered on the server: the
 * page ships the rows' data, not the serialized element tree of every cell.
 *
 * @example
 * <DatasetRowsTable rows={rows} classNames={["ham", "spam"]} />
 */
export function DatasetRowsTable({ rows, classNames }: { rows: readonly DatasetRowView[]; classNames: readonly string[] }) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.fields as object)))];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table data-testid="rows-table" className="w-full text-xs">
        <thead className="bg-slate-50 text-left font-medium text-slate-500">
          <tr><th className="px-3 py-2">#</th><th className="px-3 py-2">id</th><th className="px-3 py-2">split</th><th className="px-3 py-2">gold</th>{columns.map((c) => <th key={c} className="px-3 py-2">{c}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-testid="data-row">
              <td className="px-3 py-1.5 tabular-nums text-slate-400">{row.index + 1}</td>
              <td className="px-3 py-1.5 font-mono">{row.externalId}</td>
              <td className="px-3 py-1.5">{row.split.toLowerCase()}</td>
              <td className="px-3 py-1.5">{row.gold === null ? "" : (classNames[row.gold] ?? row.gold)}</td>
              {columns.map((c) => <td key={c} className="max-w-lg truncate px-3 py-1.5">{String((row.fields as Record<string, unknown>)[c] ?? "")}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
