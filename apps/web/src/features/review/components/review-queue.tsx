"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { batchLabelAction, rescoreAction, reviewRowAction } from "../actions";
import { suggestedLabel, type ReviewItem } from "../review-item";
import { useHydrated } from "@/features/shell/client";

export type ReviewMode = { kind: "solo" } | { kind: "batch"; batchId: string; blind: boolean };

const SPLIT_NOTE: Record<ReviewItem["split"], string> = {
  TRAIN: "TRAIN row: its gold is stored but never fits anything.",
  DEV: "DEV row: its gold re-scores the programs and guides the label model.",
  TEST: "TEST row: evaluation gold only — it never reaches programs, label models or training.",
};

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The keyboard-driven review list shared by solo review and batch assignments: `a`/Enter accepts
 * the suggestion (pseudolabel, else the programs' majority), `1`..`9` picks a class, `s` skips,
 * `j`/`k` move to the next/previous row. Shortcuts are off while typing in the comment box.
 * Solo review shows the row's current gold; a label that would change it asks for an explicit
 * correction first (the same key again, or "Correct gold", with an optional reason; Esc keeps it).
 *
 * @example
 * <ReviewQueue projectId={id} classes={["ham", "spam"]} items={items} mode={{ kind: "solo" }} canLabel goldCount={{ imported: 180, reviewed: 3 }} />
 */
export function ReviewQueue(props: {
  projectId: string;
  classes: string[];
  items: ReviewItem[];
  mode: ReviewMode;
  canLabel: boolean;
  goldCount?: { imported: number; reviewed: number };
  nextHref?: string | null;
}) {
  const { projectId, classes, items, mode, canLabel } = props;
  // Keys pressed before hydration are lost (the listener is not there yet): tests wait for data-ready.
  const hydrated = useHydrated();
  const [current, setCurrent] = useState(0);
  const [given, setGiven] = useState<Record<string, number>>(() => Object.fromEntries(items.filter((i) => i.mine !== null).map((i) => [i.rowId, i.mine!])));
  const [reviewed, setReviewed] = useState(props.goldCount?.reviewed ?? 0);
  const [comment, setComment] = useState("");
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  const item = items[current];
  // Gold as this page has changed it (solo review writes gold at once).
  const [goldNow, setGoldNow] = useState<Record<string, ReviewItem["gold"]>>({});
  const gold = item ? (item.rowId in goldNow ? goldNow[item.rowId]! : item.gold) : null;
  // A label that would change existing gold waits here for an explicit "Correct gold".
  const [correction, setCorrection] = useState<{ rowId: string; label: number } | null>(null);
  const [reason, setReason] = useState("");

  const move = useCallback(
    (delta: number) => {
      setCurrent((c) => Math.min(Math.max(0, c + delta), Math.max(0, items.length - 1)));
      setComment("");
      setCorrection(null);
    },
    [items.length],
  );

  const label = useCallback(
    (value: number, correct?: { reason: string }) => {
      if (!item || !canLabel || busy.current) return;
      if (value < 0 || value >= classes.length) return;
      if (mode.kind === "solo" && gold && gold.label !== value && !correct) {
        setCorrection({ rowId: item.rowId, label: value });
        return;
      }
      busy.current = true;
      const text = comment.trim();
      const corrects = correct ? { correct: true, ...(correct.reason.trim() ? { reason: correct.reason.trim() } : {}) } : {};
      startTransition(async () => {
        const result =
          mode.kind === "solo"
            ? await reviewRowAction({ projectId, rowId: item.rowId, label: value, ...(text ? { comment: text } : {}), ...corrects })
            : await batchLabelAction({ projectId, batchId: mode.batchId, rowId: item.rowId, label: value, ...(text ? { comment: text } : {}) });
        busy.current = false;
        if (!result.ok) {
          setMessage({ tone: "error", text: result.error });
          return;
        }
        setCorrection(null);
        setReason("");
        const first = given[item.rowId] === undefined;
        setGiven((g) => ({ ...g, [item.rowId]: value }));
        if (mode.kind === "solo") setGoldNow((g) => ({ ...g, [item.rowId]: { label: value, source: "REVIEW" } }));
        if (first && mode.kind === "solo") setReviewed((r) => r + 1);
        const rescore = "rescore" in result.data ? result.data.rescore : null;
        const consensus = "consensus" in result.data ? result.data.consensus : null;
        const conflict = "goldConflict" in result.data ? result.data.goldConflict : null;
        setMessage({
          tone: "ok",
          text:
            (correct && gold
              ? `Row ${item.index}: gold corrected from ${classes[gold.label]} to ${classes[value]}.`
              : `Row ${item.index} labelled ${classes[value]}.`) +
            (rescore === "queued"
              ? " Programs are being re-scored."
              : rescore === "unavailable"
                ? " The re-score could not be queued; use Re-score now."
                : "") +
            (consensus !== null && consensus !== undefined ? " All reviewers agree: it is gold now." : "") +
            (conflict
              ? ` All reviewers agree on ${classes[conflict.consensus]}, but the row's gold is ${classes[conflict.gold]}: nothing was overwritten; an editor confirms or keeps it on the Adjudicate page.`
              : ""),
        });
        if (current < items.length - 1) move(1);
      });
    },
    [item, gold, canLabel, classes, comment, mode, projectId, given, current, items.length, move],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      // Enter on a focused button or link already activates it; do not label a second time.
      if (event.key === "Enter" && (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement)) return;
      const suggestion = item && !(mode.kind === "batch" && mode.blind) ? suggestedLabel(item) : null;
      // With a correction asked, the same class again confirms it (a second deliberate key press
      // with the current gold on screen) and Escape keeps the current gold.
      const pressed = event.key === "a" || event.key === "Enter" ? suggestion : /^[1-9]$/.test(event.key) ? Number(event.key) - 1 : null;
      if (correction && item && correction.rowId === item.rowId) {
        if (event.key === "Escape") setCorrection(null);
        else if (pressed === correction.label) label(correction.label, { reason });
        else return;
        event.preventDefault();
        return;
      }
      if (event.key === "a" || event.key === "Enter") {
        if (suggestion === null) setMessage({ tone: "error", text: "Nothing to accept here: pick a class with 1..9." });
        else label(suggestion);
      } else if (/^[1-9]$/.test(event.key)) label(Number(event.key) - 1);
      else if (event.key === "s") {
        setMessage({ tone: "ok", text: `Skipped row ${item?.index}.` });
        move(1);
      } else if (event.key === "j") move(1);
      else if (event.key === "k") move(-1);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [item, label, move, mode, correction, reason]);

  if (items.length === 0) {
    return (
      <p data-testid="review-empty" className="rounded-lg border border-slate-200 bg-white p-5 text-slate-600">
        Nothing left to review here.
      </p>
    );
  }
  const suggestion = item && !(mode.kind === "batch" && mode.blind) ? suggestedLabel(item) : null;
  const done = items.filter((i) => given[i.rowId] !== undefined).length;
  return (
    <div data-testid="review-queue" data-ready={hydrated} className="space-y-4">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        {props.goldCount && (
          <span data-testid="review-gold-count" data-reviewed={reviewed} className="rounded-md bg-emerald-50 px-3 py-1 text-emerald-800">
            Gold labels: {props.goldCount.imported.toLocaleString("en")} imported · <strong>{reviewed.toLocaleString("en")}</strong> from review
          </span>
        )}
        <span className="text-slate-500">
          {done} of {items.length} on this page labelled
        </span>
        {mode.kind === "solo" && canLabel && (
          <button
            type="button"
            className="btn-secondary"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await rescoreAction({ projectId });
                setMessage(
                  result.ok
                    ? {
                        tone: "ok",
                        text:
                          result.data.rescore === "queued"
                            ? "Re-scoring the programs with the current gold."
                            : result.data.rescore === "pending"
                              ? "A re-score is already queued or running."
                              : result.data.rescore === "no-run"
                                ? "No applied run to re-score yet."
                                : "The job queue is not reachable.",
                      }
                    : { tone: "error", text: result.error },
                );
              })
            }
          >
            Re-score now
          </button>
        )}
        <span className="ml-auto text-xs text-slate-500">
          Keys: <kbd>a</kbd>/<kbd>Enter</kbd> accept · <kbd>1</kbd>..<kbd>9</kbd> class · <kbd>s</kbd> skip · <kbd>j</kbd>/<kbd>k</kbd> next/prev
        </span>
      </div>
      {message && (
        <p data-testid="review-status" role="status" className={`text-sm ${message.tone === "error" ? "text-rose-700" : "text-slate-700"}`}>
          {message.text}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
        <ol className="max-h-[36rem] overflow-y-auto rounded-lg border border-slate-200 bg-white text-sm shadow-sm" aria-label="Rows on this page">
          {items.map((row, i) => (
            <li key={row.rowId}>
              <button
                type="button"
                onClick={() => {
                  setCurrent(i);
                  setComment("");
                }}
                data-testid="review-list-item"
                data-state={given[row.rowId] !== undefined ? "labelled" : "open"}
                className={`flex w-full items-center gap-2 border-b border-slate-100 px-3 py-2 text-left ${i === current ? "bg-indigo-50" : "hover:bg-slate-50"}`}
              >
                <span className="font-mono text-xs text-slate-400">#{row.index}</span>
                <span className="truncate text-slate-700">{row.fields[0]?.value ?? ""}</span>
                {given[row.rowId] !== undefined && (
                  <span className="ml-auto shrink-0 rounded bg-emerald-100 px-1.5 text-xs text-emerald-800">{classes[given[row.rowId]!]}</span>
                )}
              </button>
            </li>
          ))}
        </ol>
        {item && (
          <section data-testid="review-item" data-row-id={item.rowId} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <div className="flex flex-wrap items-baseline gap-3 text-sm text-slate-500">
              <span className="font-mono">
                row #{item.index} · {item.externalId}
              </span>
              <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{item.split}</span>
              <span className="text-xs">{SPLIT_NOTE[item.split]}</span>
            </div>
            {!(mode.kind === "batch" && mode.blind) && (
              <p data-testid="review-gold" data-gold={gold?.label ?? ""} className="text-sm">
                Current gold:{" "}
                {gold ? (
                  <>
                    <strong>{classes[gold.label] ?? gold.label}</strong>{" "}
                    <span className="text-slate-500">({gold.source === "REVIEW" ? "decided in review" : "imported with the data"})</span>
                  </>
                ) : (
                  <span className="text-slate-500">none yet</span>
                )}
              </p>
            )}
            <dl className="space-y-2">
              {item.fields.map((f) => (
                <div key={f.name}>
                  <dt className="text-xs uppercase tracking-wide text-slate-500">{f.name}</dt>
                  <dd data-testid="review-field" className="max-h-60 overflow-y-auto whitespace-pre-wrap break-words text-slate-900">
                    {f.value}
                  </dd>
                </div>
              ))}
            </dl>
            {mode.kind === "batch" && mode.blind ? (
              <p className="text-sm text-slate-500">Blind batch: program votes, the pseudolabel and other reviewers' labels are hidden.</p>
            ) : (
              <div className="grid gap-4 sm:grid-cols-2">
                <div>
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Program votes</h3>
                  <table data-testid="review-votes" className="mt-1 w-full text-sm">
                    <tbody>
                      {item.votes.map((v) => (
                        <tr key={v.name} className="border-b border-slate-100">
                          <td className="py-1 font-mono text-xs">{v.name}</td>
                          <td className={`py-1 text-right ${v.vote < 0 ? "text-slate-400" : "font-medium"}`}>
                            {v.vote < 0 ? "abstain" : (classes[v.vote] ?? v.vote)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <div className="space-y-2 text-sm">
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Pseudolabel</h3>
                  <p data-testid="review-pseudolabel">
                    {item.pseudolabel ? (
                      <>
                        <strong>{classes[item.pseudolabel.label]}</strong> ({(item.pseudolabel.confidence * 100).toFixed(1)}% confidence)
                      </>
                    ) : (
                      <span className="text-slate-500">none yet (fit a label model); accept uses the programs' majority</span>
                    )}
                  </p>
                  {item.others.length > 0 && (
                    <div>
                      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Other reviewers</h3>
                      <ul>
                        {item.others.map((o, i) => (
                          <li key={i}>
                            {o.reviewer}: <strong>{classes[o.label]}</strong>
                            {o.comment ? ` — ${o.comment}` : ""}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </div>
              </div>
            )}
            {item.comments && item.comments.length > 0 && (
              <div className="text-sm">
                <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Comments on this row</h3>
                <ul data-testid="review-row-comments">
                  {item.comments.map((c, i) => (
                    <li key={i}>
                      <span className="text-slate-500">{c.author}:</span> {c.body}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {canLabel && correction?.rowId === item.rowId && gold && (
              <div
                role="alertdialog"
                aria-label="Correct gold"
                data-testid="review-correction"
                className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
              >
                <p>
                  This row&apos;s gold is <strong>{classes[gold.label]}</strong> ({gold.source === "REVIEW" ? "decided in review" : "imported with the data"}).
                  Changing it to <strong>{classes[correction.label]}</strong> is a correction: it is recorded in the audit log with your reason. Press the same
                  key again to confirm, Esc to keep the gold.
                </p>
                <label className="block">
                  <span className="text-slate-700">Reason (optional)</span>
                  <input
                    data-testid="review-correction-reason"
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    maxLength={1000}
                    className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
                  />
                </label>
                <div className="flex gap-2">
                  <button
                    type="button"
                    data-testid="review-correction-confirm"
                    className="btn-primary"
                    disabled={pending}
                    onClick={() => label(correction.label, { reason })}
                  >
                    Correct gold to “{classes[correction.label]}”
                  </button>
                  <button
                    type="button"
                    className="btn-secondary"
                    onClick={() => {
                      setCorrection(null);
                      setReason("");
                    }}
                  >
                    Keep “{classes[gold.label]}”
                  </button>
                </div>
              </div>
            )}
            {canLabel ? (
              <div className="space-y-3">
                <div className="flex flex-wrap gap-2">
                  {suggestion !== null && (
                    <button type="button" data-testid="review-accept" className="btn-primary" disabled={pending} onClick={() => label(suggestion)}>
                      Accept “{classes[suggestion]}” (a)
                    </button>
                  )}
                  {classes.slice(0, 9).map((name, c) => (
                    <button
                      key={name}
                      type="button"
                      data-testid={`review-class-${c}`}
                      disabled={pending}
                      onClick={() => label(c)}
                      className={`rounded-md border px-3 py-1.5 text-sm ${given[item.rowId] === c ? "border-emerald-500 bg-emerald-50 text-emerald-800" : "border-slate-300 hover:bg-slate-50"}`}
                    >
                      <kbd className="mr-1 text-xs text-slate-400">{c + 1}</kbd>
                      {name}
                    </button>
                  ))}
                  <button type="button" className="btn-secondary" onClick={() => move(1)}>
                    Skip (s)
                  </button>
                </div>
                <label className="block text-sm">
                  <span className="text-slate-600">Comment (saved with your label and on the row)</span>
                  <textarea
                    data-testid="review-comment"
                    value={comment}
                    onChange={(e) => setComment(e.target.value)}
                    maxLength={5000}
                    rows={2}
                    className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                    placeholder="Why this label? (optional)"
                  />
                </label>
              </div>
            ) : (
              <p className="text-sm text-slate-500">Your role can read the review queue but not label.</p>
            )}
          </section>
        )}
      </div>
      {props.nextHref && (
        <div className="text-sm">
          <Link href={props.nextHref} data-testid="review-next-page" className="btn-secondary">
            Next rows →
          </Link>
        </div>
      )}
    </div>
  );
}
