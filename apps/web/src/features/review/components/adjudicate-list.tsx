"use client";

import { useState, useTransition } from "react";
import { adjudicateAction } from "../actions";

type Row = {
  kind: "disagreement" | "gold-conflict";
  gold: { label: number; source: string } | null;
  rowId: string;
  index: number;
  externalId: string;
  split: string;
  fields: { name: string; value: string }[];
  labels: { reviewer: string; label: number; comment: string | null }[];
};

const sourceText = (source: string) => (source === "REVIEW" ? "decided in review" : "imported with the data");

/**
 * Rows of a batch waiting for an editor: reviewer disagreements, and rows where the reviewers
 * agree against the gold the row already had (consensus never overwrites gold). Each shows the
 * current gold and one button per class; a decision that changes existing gold asks for an
 * explicit "Correct gold" (audited as `label.correct` with the reason).
 *
 * @example
 * <AdjudicateList projectId={id} batchId={batchId} classes={["ham", "spam"]} rows={rows} />
 */
export function AdjudicateList({ projectId, batchId, classes, rows }: { projectId: string; batchId: string; classes: string[]; rows: Row[] }) {
  const [decided, setDecided] = useState<Record<string, number>>({});
  const [confirming, setConfirming] = useState<{ rowId: string; label: number } | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (rows.length === 0)
    return (
      <p data-testid="adjudicate-empty" className="text-slate-600">
        No open disagreements in this batch.
      </p>
    );
  const decide = (row: Row, label: number, correct: boolean) =>
    startTransition(async () => {
      const result = await adjudicateAction({
        projectId,
        batchId,
        rowId: row.rowId,
        label,
        ...(correct ? { correct: true, ...(reason.trim() ? { reason: reason.trim() } : {}) } : {}),
      });
      if (result.ok) {
        setDecided((d) => ({ ...d, [row.rowId]: label }));
        setConfirming(null);
        setReason("");
      } else setError(result.error);
    });
  return (
    <div className="space-y-3">
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      {rows.map((row) => (
        <section
          key={row.rowId}
          data-testid="disagreement"
          data-kind={row.kind}
          data-row-id={row.rowId}
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        >
          <div className="flex gap-3 text-xs text-slate-500">
            <span className="font-mono">
              row #{row.index} · {row.externalId}
            </span>
            <span>{row.split}</span>
          </div>
          {row.kind === "gold-conflict" && row.gold && (
            <p data-testid="gold-conflict" className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
              Every reviewer chose <strong>{classes[row.labels[0]!.label]}</strong>, but the row&apos;s gold is <strong>{classes[row.gold.label]}</strong> (
              {sourceText(row.gold.source)}). Nothing was overwritten: keep the gold or correct it.
            </p>
          )}
          {row.kind === "disagreement" && row.gold && (
            <p className="text-sm">
              Current gold: <strong>{classes[row.gold.label]}</strong> ({sourceText(row.gold.source)})
            </p>
          )}
          {row.fields.map((f) => (
            <p key={f.name} className="whitespace-pre-wrap break-words text-sm">
              <span className="text-xs uppercase text-slate-400">{f.name} </span>
              {f.value}
            </p>
          ))}
          <ul className="text-sm">
            {row.labels.map((l, i) => (
              <li key={i}>
                {l.reviewer}: <strong>{classes[l.label]}</strong>
                {l.comment ? ` — ${l.comment}` : ""}
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap items-center gap-2">
            {classes.map((name, c) => (
              <button
                key={name}
                type="button"
                disabled={pending || decided[row.rowId] !== undefined}
                data-testid={`adjudicate-${c}`}
                className={`rounded-md border px-3 py-1 text-sm ${decided[row.rowId] === c ? "border-emerald-500 bg-emerald-50 text-emerald-800" : "border-slate-300 hover:bg-slate-50"}`}
                onClick={() => (row.gold && row.gold.label !== c ? setConfirming({ rowId: row.rowId, label: c }) : decide(row, c, false))}
              >
                {row.gold?.label === c ? `Keep ${name}` : name}
              </button>
            ))}
            {decided[row.rowId] !== undefined && <span className="text-sm text-emerald-700">Gold: {classes[decided[row.rowId]!]}</span>}
          </div>
          {confirming?.rowId === row.rowId && row.gold && decided[row.rowId] === undefined && (
            <div role="alertdialog" aria-label="Correct gold" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
              <p>
                Change this row&apos;s gold from <strong>{classes[row.gold.label]}</strong> to <strong>{classes[confirming.label]}</strong>? The correction is
                recorded in the audit log with your reason.
              </p>
              <input
                aria-label="Reason (optional)"
                placeholder="Reason (optional)"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={1000}
                className="w-full rounded border border-slate-300 px-2 py-1"
              />
              <div className="flex gap-2">
                <button
                  type="button"
                  data-testid="adjudicate-correct"
                  className="btn-primary"
                  disabled={pending}
                  onClick={() => decide(row, confirming.label, true)}
                >
                  Correct gold to “{classes[confirming.label]}”
                </button>
                <button type="button" className="btn-secondary" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
