import Form from "next/form";
import Link from "next/link";
import { formatCount } from "@/lib/format-count";
import { rowsHref, type RowsQuery } from "../rows-query";

/**
 * First / previous / next / last links and "Go to page N" for the rows page; every link keeps
 * the search and filters.
 *
 * @example
 * <RowsPager action={base} query={query} page={0} pages={112} />
 */
export function RowsPager({ action, query, page, pages }: { action: string; query: RowsQuery; page: number; pages: number }) {
  const link = (p: number) => rowsHref(action, query, { page: p + 1, row: undefined });
  // The jump form is a GET form too: hidden fields carry the current search and filters.
  const carried = Object.entries(query).filter(([key, value]) => key !== "page" && key !== "row" && value !== undefined);
  return (
    <nav className="flex flex-wrap items-center gap-3 text-sm" aria-label="Pages">
      {page > 0 && (
        <>
          <Link href={link(0)} className="btn-secondary">
            « First
          </Link>
          <Link href={link(page - 1)} className="btn-secondary">
            ← Previous
          </Link>
        </>
      )}
      <span data-testid="page-indicator" className="text-slate-500">
        Page {formatCount(page + 1)} of {formatCount(pages)}
      </span>
      {page < pages - 1 && (
        <>
          <Link href={link(page + 1)} className="btn-secondary">
            Next →
          </Link>
          <Link href={link(pages - 1)} className="btn-secondary">
            Last »
          </Link>
        </>
      )}
      {pages > 1 && (
        <Form key={link(page)} action={action} className="flex items-center gap-2">
          {carried.map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={String(value)} />
          ))}
          <label className="flex items-center gap-2">
            Go to page
            <input type="number" name="page" min={1} max={pages} required defaultValue={page + 1} className="w-24 rounded border border-slate-300 px-2 py-1" />
          </label>
          <button type="submit" className="btn-secondary">
            Go
          </button>
        </Form>
      )}
    </nav>
  );
}
