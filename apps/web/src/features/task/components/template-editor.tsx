"use client";

import { useActionState, useState, useTransition } from "react";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { previewPromptAction, saveTemplateAction } from "../actions";
import type { TaskExtrasView } from "../server/task-extras";

const HELP: Record<string, string> = {
  system: "System prompt",
  mission: "Mission statement",
  instruction: "Labeling instruction",
  signature: "Function signature",
  zeroShot: "Zero-shot prompt (cost estimate / baseline; {text} is the row)",
};
const KINDS = ["plain", "descriptions", "examples", "keywords", "rules", "retrieval"];

type Preview = { system: string; user: string; stage1: string | null; sources: string[] };

/**
 * The project's prompt template (placeholders {language} {task} {classes} {function} {mapping}
 * {signature}) and a preview of the exact prompt a program slot gets, with the unsaved edits.
 *
 * @example
 * <TemplateEditor projectId={id} template={extras.template} language="python" />
 */
export function TemplateEditor({
  projectId,
  template,
  language,
}: {
  projectId: string;
  template: TaskExtrasView["template"];
  language: "python" | "javascript";
}) {
  const [state, action] = useActionState(saveTemplateAction, null);
  const [parts, setParts] = useState(() => Object.fromEntries(template.map((t) => [t.part, t.text])) as Record<string, string>);
  const [kind, setKind] = useState("plain");
  const [slot, setSlot] = useState(0);
  const [lang, setLang] = useState(language);
  const [preview, setPreview] = useState<{ data?: Preview; error?: string } | null>(null);
  const [pending, startPreview] = useTransition();
  const hydrated = useHydrated();
  const showPreview = () =>
    startPreview(async () => {
      const result = await previewPromptAction({ projectId, kind, slot, language: lang, template: parts });
      setPreview(result.ok ? { data: result.data } : { error: result.error });
    });
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h3 className="font-semibold">Prompt template</h3>
        <p className="text-sm text-slate-600">
          The paper&apos;s prompts, editable. Placeholders: <code>{"{language}"}</code> <code>{"{task}"}</code> <code>{"{classes}"}</code>{" "}
          <code>{"{function}"}</code> <code>{"{mapping}"}</code> <code>{"{signature}"}</code>; a part equal to the default keeps following the default.
        </p>
      </div>
      <form action={action} data-testid="template-form" data-ready={hydrated} className="space-y-3">
        <input type="hidden" name="projectId" value={projectId} />
        {template.map((t) => (
          <label key={t.part} className="flex flex-col gap-1 text-sm">
            <span className="font-medium">
              {HELP[t.part] ?? t.part}
              {t.edited ? " (edited)" : ""}
            </span>
            <textarea
              name={t.part}
              data-testid={`template-${t.part}`}
              value={parts[t.part] ?? ""}
              onChange={(e) => setParts((p) => ({ ...p, [t.part]: e.target.value }))}
              rows={t.part === "system" || t.part === "mission" ? 2 : 3}
              className="input font-mono text-xs"
            />
          </label>
        ))}
        <div className="flex items-center gap-3">
          <SubmitButton testId="save-template" busy="Saving…">
            Save template
          </SubmitButton>
          {state?.ok && (
            <span data-testid="template-saved" className="text-sm text-emerald-700">
              Saved.
            </span>
          )}
        </div>
        <FormError state={state} />
      </form>
      <div className="space-y-3 border-t border-slate-100 pt-4">
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            <span className="font-medium">Info kind</span>
            <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="preview-kind" className="input">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Program slot</span>
            <input type="number" min={0} max={199} value={slot} onChange={(e) => setSlot(Number(e.target.value))} className="input w-24" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Language</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as "python" | "javascript")} className="input">
              <option value="python">Python</option>
              <option value="javascript">JavaScript</option>
            </select>
          </label>
          <button type="button" onClick={showPreview} disabled={pending} data-testid="preview-prompt" className="btn-secondary">
            {pending ? "Rendering…" : "Preview the exact prompt"}
          </button>
        </div>
        {preview?.error && (
          <p role="alert" data-testid="preview-error" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {preview.error}
          </p>
        )}
        {preview?.data && (
          <div data-testid="prompt-preview" className="space-y-2 text-xs">
            {preview.data.stage1 && (
              <div>
                <div className="font-medium text-slate-700">Stage 1 (sent once first, its answer fills the context)</div>
                <pre className="whitespace-pre-wrap rounded-md bg-amber-50 p-3 font-mono">{preview.data.stage1}</pre>
              </div>
            )}
            <div>
              <div className="font-medium text-slate-700">System</div>
              <pre data-testid="preview-system" className="whitespace-pre-wrap rounded-md bg-slate-100 p-3 font-mono">
                {preview.data.system}
              </pre>
            </div>
            <div>
              <div className="font-medium text-slate-700">User</div>
              <pre data-testid="preview-user" className="max-h-[32rem] overflow-y-auto whitespace-pre-wrap rounded-md bg-slate-100 p-3 font-mono">
                {preview.data.user}
              </pre>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
