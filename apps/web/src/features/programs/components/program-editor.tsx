"use client";

import { useActionState, useRef, useState, useTransition, type KeyboardEvent } from "react";
import type { TryFilter, TryProgramResult } from "@alchemist/jobs";
import type { ActionResult } from "@/lib/action-result";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { createProgramAction, saveVersionAction, tryProgramAction, type SaveResult } from "../actions";
import type { ProgramEditorData } from "../server/get-program-editor";
import type { CheckMarker } from "./monaco-code-editor";
import { ProgramCodeEditor } from "./program-code-editor";
import { TryResults } from "./try-results";
import { useUnsavedChangesGuard } from "./use-unsaved-changes-guard";

const SIZES = [20, 50, 100, 200] as const;
const FILTERS: readonly { value: TryFilter; label: string }[] = [
  { value: "all", label: "any rows" },
  { value: "fires", label: "rows it votes on" },
  { value: "wrong", label: "wrong on dev gold" },
  { value: "conflicts", label: "conflicts with other programs" },
  { value: "faults", label: "rows it faults on" },
];

type Saved = SaveResult<{ version: number; created: boolean }>;
type Refused = { ok: false; error: string; checkErrors: readonly CheckMarker[] };
const refusedBy = (result: SaveResult<unknown> | null): Refused | null => (result && !result.ok && "checkErrors" in result ? result : null);

/**
 * The program editor: name and language (new programs), the code (Monaco), "Run on sample" (in
 * the worker, Ctrl/Cmd+Enter: 20-200 rows, any or only those it votes on, votes wrong on dev gold,
 * conflicts with another program or faults on) and "Create" / "Save as new version" (Ctrl/Cmd+S).
 * Saving runs the static check first and refuses code that does not compile, with the line;
 * static-check errors (from a save or a sample run) show as markers in the code. Leaving the
 * page with unsaved edits asks first.
 *
 * @example
 * <ProgramEditor projectId={id} data={data} />
 */
export function ProgramEditor({ projectId, data }: { projectId: string; data: ProgramEditorData }) {
  const isNew = data.program === null;
  const initialSource = data.shown?.source ?? data.starter;
  const initialLanguage = data.shown?.language ?? data.task?.language ?? "python";
  const [source, setSource] = useState(initialSource);
  const [language, setLanguage] = useState(initialLanguage);
  const [name, setName] = useState("");
  // What the server holds: edits are unsaved while the editor differs from it.
  const [stored, setStored] = useState({ source: initialSource, language: initialLanguage });
  const [markers, setMarkers] = useState<readonly CheckMarker[] | undefined>(undefined);
  const read = useRef<() => string>(() => source);
  const submitted = useRef({ source: initialSource, language: initialLanguage });
  const [created, createAction] = useActionState(async (previous: SaveResult<undefined> | null, form: FormData) => {
    const result = await createProgramAction(previous, form);
    setMarkers(refusedBy(result)?.checkErrors);
    return result;
  }, null);
  const [saved, saveAction] = useActionState(async (previous: Saved | null, form: FormData) => {
    const result = await saveVersionAction(previous, form);
    setMarkers(refusedBy(result)?.checkErrors);
    if (result.ok) setStored(submitted.current);
    return result;
  }, null);
  const [tried, setTried] = useState<ActionResult<TryProgramResult> | null>(null);
  const [size, setSize] = useState<number>(20);
  const [filter, setFilter] = useState<TryFilter>("all");
  const [trying, startTry] = useTransition();
  const hydrated = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const dirty = source !== stored.source || language !== stored.language || (isNew && name.trim() !== "");
  useUnsavedChangesGuard(hydrated && dirty);
  const canRun = hydrated && !trying && !!data.task && data.hasData;
  const onTry = () =>
    startTry(async () => {
      const result = await tryProgramAction({
        projectId,
        ...(data.program ? { programId: data.program.id } : {}),
        language,
        source: read.current(),
        rows: size,
        filter,
      });
      setTried(result);
      setMarkers(result.ok ? result.data.checkErrors : undefined);
    });
  const onSave = () => form.current?.requestSubmit();
  // Runs before the form's action builds its FormData: the field gets exactly what the editor shows.
  const onSubmit = () => {
    const shown = read.current();
    const field = form.current?.elements.namedItem("source");
    if (field instanceof HTMLInputElement) field.value = shown;
    submitted.current = { source: shown, language };
  };
  // Shortcuts from any field of the form; Monaco handles its own (and marks the event handled).
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    if (event.key === "Enter") {
      event.preventDefault();
      if (canRun) onTry();
    } else if (event.key.toLowerCase() === "s") {
      event.preventDefault();
      onSave();
    }
  };
  const state = isNew ? created : saved;
  const refused = refusedBy(state);
  return (
    <div className="space-y-4">
      <form
        ref={form}
        action={isNew ? createAction : saveAction}
        onSubmit={onSubmit}
        onKeyDown={onKeyDown}
        data-testid="program-form"
        data-ready={hydrated}
        data-dirty={dirty}
        className="space-y-4"
      >
        <input type="hidden" name="projectId" value={projectId} />
        {data.program && <input type="hidden" name="programId" value={data.program.id} />}
        <div className="flex flex-wrap items-end gap-3">
          {isNew && (
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Name</span>
              <input
                name="name"
                data-testid="program-name-input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
                pattern="[A-Za-z_][A-Za-z0-9_\-]{0,99}"
                placeholder="e.g. mentions_free"
                className="input w-64 font-mono"
              />
            </label>
          )}
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Language</span>
            <select
              name="language"
              data-testid="program-language"
              value={language}
              onChange={(e) => setLanguage(e.target.value as "python" | "javascript")}
              className="input"
            >
              <option value="python">Python</option>
              <option value="javascript">JavaScript</option>
            </select>
          </label>
          <div className="ml-auto flex items-center gap-2">
            {dirty && (
              <span data-testid="unsaved-changes" className="text-xs text-amber-700">
                Unsaved changes
              </span>
            )}
            <label className="flex items-center gap-1 text-xs text-slate-600">
              <span>Sample</span>
              <select
                data-testid="sample-size"
                aria-label="Sample size"
                value={size}
                onChange={(e) => setSize(Number(e.target.value))}
                className="input py-1 text-xs"
              >
                {SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n} rows
                  </option>
                ))}
              </select>
              <select
                data-testid="sample-filter"
                aria-label="Sample filter"
                value={filter}
                onChange={(e) => setFilter(e.target.value as TryFilter)}
                className="input py-1 text-xs"
              >
                {FILTERS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              data-testid="run-on-sample"
              onClick={onTry}
              disabled={!canRun}
              className="btn-secondary"
              aria-keyshortcuts="Control+Enter Meta+Enter"
              title={!data.task ? "Define the task first" : !data.hasData ? "Import a dataset first" : `Run this code on ${size} sample rows (Ctrl/Cmd+Enter)`}
            >
              {trying ? "Running…" : "Run on sample"}
            </button>
            <SubmitButton testId="save-program" busy="Checking and saving…">
              {isNew ? "Create program" : "Save as new version"}
            </SubmitButton>
          </div>
        </div>
        <ProgramCodeEditor
          name="source"
          initialValue={initialSource}
          onChange={setSource}
          onReady={(reader) => (read.current = reader)}
          language={language}
          checkErrors={markers}
          onRun={canRun ? onTry : undefined}
          onSave={onSave}
        />
        <p className="text-xs text-slate-500">
          <kbd className="font-mono">Ctrl/⌘+Enter</kbd> runs on sample · <kbd className="font-mono">Ctrl/⌘+S</kbd>{" "}
          {isNew ? "creates the program" : "saves a new version"} (after a compile check)
        </p>
        {refused ? <SaveRefused error={refused.error} checkErrors={refused.checkErrors} /> : <FormError state={state} />}
        {saved?.ok && (
          <p data-testid="version-saved" className="text-sm text-emerald-700">
            {saved.data.created ? `Saved as version ${saved.data.version}.` : `No changes: version ${saved.data.version} has this code.`}
          </p>
        )}
      </form>
      {tried && !tried.ok && <FormError state={tried} />}
      {tried?.ok && <TryResults projectId={projectId} result={tried.data} />}
    </div>
  );
}

/** A save the static check refused: the message and every error with its line, next to the editor. */
function SaveRefused({ error, checkErrors }: { error: string; checkErrors: readonly CheckMarker[] }) {
  return (
    <div role="alert" data-testid="save-refused" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-600/20">
      <p className="font-medium">{error}</p>
      <ul className="mt-1 list-disc pl-5 font-mono text-xs">
        {checkErrors.map((e, i) => (
          <li key={i} data-testid="save-check-error" data-line={e.line ?? ""}>
            {e.line ? `line ${e.line}${e.column ? `, column ${e.column}` : ""}: ` : ""}
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
