import Form from "next/form";
import type { RowsQuery } from "../rows-query";

const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/**
 * The rows page's search and filters: a GET form, so applying it rewrites the URL (shareable)
 * and goes back to page 1. Run filters (pseudolabel, confidence, a program's vote, conflict) are
 * shown only when the dataset has an analysed run (pseudolabel ones once the label model is fitted).
 *
 * @example
 * <RowsFilterForm action={base} query={query} classes={["ham", "spam"]} programs={run.programs} hasRun hasPseudolabels />
 */
export function RowsFilterForm({
  action,
  query,
  classes,
  programs,
  hasRun,
  hasPseudolabels,
}: {
  action: string;
  query: RowsQuery;
  classes: readonly string[];
  programs: readonly { programId: string; name: string }[];
  hasRun: boolean;
  hasPseudolabels: boolean;
}) {
  const classOptions = classes.map((name, i) => (
    <option key={i} value={i}>
      {name}
    </option>
  ));
  return (
    // Keyed by the query: a client-side navigation (Clear filters, a shared link) remounts the
    // uncontrolled fields, so they show the URL's values and not the last ones typed.
    <Form
      key={JSON.stringify({ ...query, page: undefined, row: undefined })}
      action={action}
      data-testid="rows-filters"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm"
    >
      <label className="flex flex-col gap-1">
        Search
        <input type="search" name="q" defaultValue={query.q ?? ""} placeholder="words in the text" className={`${field} w-56`} />
      </label>
      <label className="flex flex-col gap-1">
        Split
        <select name="split" defaultValue={query.split ?? ""} className={field}>
          <option value="">any</option>
          <option value="train">train</option>
          <option value="dev">dev</option>
          <option value="test">test</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        Gold
        <select name="gold" defaultValue={query.gold === undefined ? "" : String(query.gold)} className={field}>
          <option value="">any</option>
          <option value="has">has gold</option>
          <option value="none">no gold</option>
          {classOptions}
        </select>
      </label>
      {hasPseudolabels && (
        <>
          <label className="flex flex-col gap-1">
            Pseudolabel
            <select name="pl" defaultValue={query.pl === undefined ? "" : String(query.pl)} className={field}>
              <option value="">any</option>
              {classOptions}
            </select>
          </label>
          <fieldset className="flex flex-col gap-1">
            <legend>Confidence (0–1)</legend>
            <span className="flex items-center gap-1">
              <input
                type="number"
                name="cmin"
                aria-label="Confidence from"
                min={0}
                max={1}
                step={0.01}
                defaultValue={query.cmin ?? ""}
                className={`${field} w-20`}
              />
              –
              <input
                type="number"
                name="cmax"
                aria-label="Confidence to"
                min={0}
                max={1}
                step={0.01}
                defaultValue={query.cmax ?? ""}
                className={`${field} w-20`}
              />
            </span>
          </fieldset>
        </>
      )}
      {hasRun && (
        <>
          <label className="flex flex-col gap-1">
            Program
            <select name="prog" defaultValue={query.prog ?? ""} className={field}>
              <option value="">any</option>
              {programs.map((p) => (
                <option key={p.programId} value={p.programId}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Its vote
            <select name="vote" defaultValue={query.vote === undefined ? "" : String(query.vote)} className={field}>
              <option value="">fires (any class)</option>
              <option value="abstain">abstains</option>
              {classOptions}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Conflict
            <select name="conflict" defaultValue={query.conflict ?? ""} className={field}>
              <option value="">any</option>
              <option value="yes">programs disagree</option>
              <option value="no">no disagreement</option>
            </select>
          </label>
        </>
      )}
      <label className="flex flex-col gap-1">
        Sort
        <select name="sort" defaultValue={query.sort ?? "index"} className={field}>
          <option value="index">row ↑</option>
          <option value="-index">row ↓</option>
          <option value="id">id</option>
          {hasPseudolabels && (
            <>
              <option value="confidence">confidence ↑ (least sure first)</option>
              <option value="-confidence">confidence ↓</option>
            </>
          )}
        </select>
      </label>
      <button type="submit" className="btn-primary">
        Apply
      </button>
    </Form>
  );
}
