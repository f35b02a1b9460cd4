"use client";

import { useActionState, useState, useTransition } from "react";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { saveSupplementaryAction, searchRowsAction } from "../actions";
import type { TaskExtrasView } from "../server/task-extras";

type Hit = { rowId: string; externalId: string; split: string; text: string; devGold: number | null };

/**
 * Keywords, rules and exemplar rows picked from the dataset (server-side search, 20 rows a page,
 * test rows never offered) with the class a person gives each.
 *
 * @example
 * <SupplementaryForm projectId={id} extras={extras} />
 */
export function SupplementaryForm({ projectId, extras }: { projectId: string; extras: TaskExtrasView }) {
  const [state, action] = useActionState(saveSupplementaryAction, null);
  const [picked, setPicked] = useState(extras.exemplars);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<{ rows: Hit[]; next: number | null; error?: string } | null>(null);
  const [searching, startSearch] = useTransition();
  const hydrated = useHydrated();
  const search = (afterIndex?: number) =>
    startSearch(async () => {
      const result = await searchRowsAction({ projectId, query, ...(afterIndex !== undefined ? { afterIndex } : {}) });
      if (!result.ok) return setHits({ rows: [], next: null, error: result.error });
      setHits((prev) => ({
        rows: afterIndex !== undefined && prev ? [...prev.rows, ...result.data.rows] : result.data.rows,
        next: result.data.nextAfterIndex,
      }));
    });
  const pick = (hit: Hit, label: number) =>
    setPicked((p) => (p.some((e) => e.rowId === hit.rowId) ? p : [...p, { rowId: hit.rowId, externalId: hit.externalId, text: hit.text, label }]));
  return (
    <form
      action={action}
      data-testid="supplementary-form"
      data-ready={hydrated}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <input type="hidden" name="projectId" value={projectId} />
      <div>
        <h3 className="font-semibold">Supplementary info</h3>
        <p className="text-sm text-slate-600">
          Put in front of program prompts of the matching info kind (the Generate page picks kinds per program). Empty kinds are asked of the model first.
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Keywords per class</span>
          <textarea
            name="keywords"
            data-testid="supp-keywords"
            defaultValue={extras.keywords}
            rows={4}
            className="input font-mono"
            placeholder={"spam: free, prize, claim\nham: lunch, later"}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Rules</span>
          <textarea
            name="rules"
            data-testid="supp-rules"
            defaultValue={extras.rules}
            rows={4}
            className="input"
            placeholder="Messages asking to call a premium number are spam."
          />
        </label>
      </div>
      <div className="space-y-2 text-sm">
        <span className="font-medium">Exemplars ({picked.length})</span>
        <ul data-testid="exemplar-list" className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {picked.length === 0 && <li className="px-3 py-2 text-slate-500">None picked: examples prompts sample labeled dev rows instead.</li>}
          {picked.map((e) => (
            <li key={e.rowId} className="flex items-center gap-3 px-3 py-2">
              <input type="hidden" name="exemplar" value={`${e.rowId}:${e.label}`} />
              <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">{extras.classNames[e.label] ?? e.label}</span>
              <span className="flex-1 truncate" title={e.text}>
                {e.text}
              </span>
              <button type="button" className="text-xs text-rose-700 hover:underline" onClick={() => setPicked((p) => p.filter((x) => x.rowId !== e.rowId))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        {extras.hasDataset && (
          <div className="space-y-2 rounded-md bg-slate-50 p-3">
            <div className="flex gap-2">
              <input
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    search();
                  }
                }}
                data-testid="exemplar-query"
                className="input flex-1"
                placeholder="Search train and dev rows…"
              />
              <button type="button" onClick={() => search()} disabled={searching} data-testid="exemplar-search" className="btn-secondary">
                {searching ? "Searching…" : "Search"}
              </button>
            </div>
            {hits?.error && (
              <p role="alert" className="text-rose-700">
                {hits.error}
              </p>
            )}
            {hits && !hits.error && (
              <ul data-testid="exemplar-hits" className="max-h-72 divide-y divide-slate-200 overflow-y-auto">
                {hits.rows.length === 0 && <li className="py-2 text-slate-500">No rows match.</li>}
                {hits.rows.map((h) => (
                  <li key={h.rowId} className="flex items-center gap-2 py-1.5">
                    <span className="w-12 text-xs uppercase text-slate-500">{h.split.toLowerCase()}</span>
                    <span className="flex-1 truncate" title={h.text}>
                      {h.text}
                    </span>
                    {extras.classNames.map((name, i) => (
                      <button
                        key={name}
                        type="button"
                        onClick={() => pick(h, i)}
                        data-testid={`pick-${i}`}
                        className={`rounded px-2 py-0.5 text-xs ring-1 ${h.devGold === i ? "bg-indigo-600 text-white ring-indigo-600" : "ring-slate-300 hover:bg-white"}`}
                      >
                        {name}
                      </button>
                    ))}
                  </li>
                ))}
              </ul>
            )}
            {hits?.next != null && (
              <button type="button" onClick={() => search(hits.next!)} disabled={searching} className="btn-secondary">
                More rows
              </button>
            )}
          </div>
        )}
      </div>
      <div className="flex items-center gap-3">
        <SubmitButton testId="save-supplementary" busy="Saving…">
          Save supplementary info
        </SubmitButton>
        {state?.ok && (
          <span data-testid="supplementary-saved" className="text-sm text-emerald-700">
            Saved.
          </span>
        )}
      </div>
      <FormError state={state} />
    </form>
  );
}
