"use client";

import { useActionState, useRef, useState, useTransition, type KeyboardEvent } from "react";
import type { TryProgramResult } from "@alchemist/jobs";
import type { ActionResult } from "@/lib/action-result";
import { FormError } from "@/features/shell/components/form-error";
import { SubmitButton } from "@/features/shell/components/submit-button";
import { createProgramAction, saveVersionAction, tryProgramAction } from "../actions";
import type { ProgramEditorData } from "../server/get-program-editor";
import { ProgramCodeEditor } from "./program-code-editor";
import { TryResults } from "./try-results";
import { useHydrated } from "@/features/shell/components/use-hydrated";

/**
 * The program editor: name and language (new programs), the code (Monaco), "Run on sample" (20
 * rows, in the worker; Ctrl/Cmd+Enter) and "Create" / "Save as new version" (Ctrl/Cmd+S).
 * Static-check errors from the sample run show as markers in the code.
 *
 * @example
 * <ProgramEditor projectId={id} data={data} />
 */
export function ProgramEditor({ projectId, data }: { projectId: string; data: ProgramEditorData }) {
  const isNew = data.program === null;
  const [source, setSource] = useState(data.shown?.source ?? data.starter);
  const [language, setLanguage] = useState(data.shown?.language ?? data.task?.language ?? "python");
  const [created, createAction] = useActionState(createProgramAction, null);
  const [saved, saveAction] = useActionState(saveVersionAction, null);
  const [tried, setTried] = useState<ActionResult<TryProgramResult> | null>(null);
  const [trying, startTry] = useTransition();
  const hydrated = useHydrated();
  const form = useRef<HTMLFormElement>(null);
  const canRun = hydrated && !trying && !!data.task && data.hasData;
  const onTry = () => startTry(async () => setTried(await tryProgramAction({ projectId, language, source })));
  const onSave = () => form.current?.requestSubmit();
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
  const checkErrors = tried?.ok ? tried.data.checkErrors : undefined;
  return (
    <div className="space-y-4">
      <form ref={form} action={isNew ? createAction : saveAction} onKeyDown={onKeyDown} data-testid="program-form" data-ready={hydrated} className="space-y-4">
        <input type="hidden" name="projectId" value={projectId} />
        {data.program && <input type="hidden" name="programId" value={data.program.id} />}
        <div className="flex flex-wrap items-end gap-3">
          {isNew && (
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Name</span>
              <input name="name" data-testid="program-name-input" required pattern="[A-Za-z_][A-Za-z0-9_\-]{0,99}" placeholder="e.g. mentions_free" className="input w-64 font-mono" />
            </label>
          )}
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Language</span>
            <select name="language" data-testid="program-language" value={language} onChange={(e) => setLanguage(e.target.value as "python" | "javascript")} className="input">
              <option value="python">Python</option>
              <option value="javascript">JavaScript</option>
            </select>
          </label>
          <div className="ml-auto flex gap-2">
            <button type="button" data-testid="run-on-sample" onClick={onTry} disabled={!canRun} className="btn-secondary" aria-keyshortcuts="Control+Enter Meta+Enter"
              title={!data.task ? "Define the task first" : !data.hasData ? "Import a dataset first" : "Run this code on 20 sample rows (Ctrl/Cmd+Enter)"}>
              {trying ? "Running…" : "Run on sample"}
            </button>
            <SubmitButton testId="save-program" busy="Saving…">{isNew ? "Create program" : "Save as new version"}</SubmitButton>
          </div>
        </div>
        <ProgramCodeEditor name="source" value={source} onChange={setSource} language={language} checkErrors={checkErrors} onRun={canRun ? onTry : undefined} onSave={onSave} />
        <p className="text-xs text-slate-500">
          <kbd className="font-mono">Ctrl/⌘+Enter</kbd> runs on sample · <kbd className="font-mono">Ctrl/⌘+S</kbd> {isNew ? "creates the program" : "saves a new version"}
        </p>
        <FormError state={state} />
        {saved?.ok && <p data-testid="version-saved" className="text-sm text-emerald-700">{saved.data.created ? `Saved as version ${saved.data.version}.` : `No changes: version ${saved.data.version} has this code.`}</p>}
      </form>
      {tried && !tried.ok && <FormError state={tried} />}
      {tried?.ok && <TryResults result={tried.data} />}
    </div>
  );
}
