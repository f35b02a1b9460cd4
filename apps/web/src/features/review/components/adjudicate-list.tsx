"use client";

import { useState, useTransition } from "react";
import { adjudicateAction } from "../actions";

type Row = { rowId: string; index: number; externalId: string; split: string; fields: { name: string; value: string }[]; labels: { reviewer: string; label: number; comment: string | null }[] };

/**
 * Disagreements of a batch, each with the reviewers' labels and one button per class; a decision
 * becomes the row's gold.
 *
 * @example
 * <AdjudicateList projectId={id} batchId={batchId} classes={["ham", "spam"]} rows={rows} />
 */
export function AdjudicateList({ projectId, batchId, classes, rows }: { projectId: string; batchId: string; classes: string[]; rows: Row[] }) {
  const [decided, setDecided] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (rows.length === 0) return <p data-testid="adjudicate-empty" className="text-slate-600">No open disagreements in this batch.</p>;
  return (
    <div className="space-y-3">
      {error && <p role="alert" className="text-sm text-rose-700">{error}</p>}
      {rows.map((row) => (
        <section key={row.rowId} data-testid="disagreement" data-row-id={row.rowId} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex gap-3 text-xs text-slate-500"><span className="font-mono">row #{row.index} · {row.externalId}</span><span>{row.split}</span></div>
          {row.fields.map((f) => <p key={f.name} className="whitespace-pre-wrap break-words text-sm"><span className="text-xs uppercase text-slate-400">{f.name} </span>{f.value}</p>)}
          <ul className="text-sm">{row.labels.map((l, i) => <li key={i}>{l.reviewer}: <strong>{classes[l.label]}</strong>{l.comment ? ` — ${l.comment}` : ""}</li>)}</ul>
          <div className="flex flex-wrap items-center gap-2">
            {classes.map((name, c) => (
              <button key={name} type="button" disabled={pending || decided[row.rowId] !== undefined} data-testid={`adjudicate-${c}`}
                className={`rounded-md border px-3 py-1 text-sm ${decided[row.rowId] === c ? "border-emerald-500 bg-emerald-50 text-emerald-800" : "border-slate-300 hover:bg-slate-50"}`}
                onClick={() => startTransition(async () => {
                  const result = await adjudicateAction({ projectId, batchId, rowId: row.rowId, label: c });
                  if (result.ok) setDecided((d) => ({ ...d, [row.rowId]: c }));
                  else setError(result.error);
                })}>
                {name}
              </button>
            ))}
            {decided[row.rowId] !== undefined && <span className="text-sm text-emerald-700">Gold: {classes[decided[row.rowId]!]}</span>}
          </div>
        </section>
      ))}
    </div>
  );
}
