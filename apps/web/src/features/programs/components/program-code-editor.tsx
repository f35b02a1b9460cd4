"use client";

import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { useHydrated } from "@/features/shell/client";
import { CodeEditor } from "./code-editor";
import type { MonacoCodeEditorProps } from "./monaco-code-editor";

// Monaco touches `window` when it loads, so it never renders on the server.
const MonacoCodeEditor = dynamic(() => import("./monaco-code-editor"), { ssr: false, loading: () => null });

/**
 * The program page's code editor. Monaco once it has loaded; until then the saved code, read-only,
 * so nothing typed in the first seconds lands in a field that Monaco is about to replace. Without
 * JavaScript an editable textarea (in `<noscript>`) carries the form field `name`; with it, a
 * hidden input that every edit updates at once (not on React's next render), so a form submitted
 * right after a keystroke (Ctrl/Cmd+S) sends what the editor shows.
 * The container says which editor is live in `data-editor` ("textarea" or "monaco").
 *
 * @example
 * <ProgramCodeEditor name="source" initialValue={saved} onChange={setSource} language="python" checkErrors={errors} onRun={run} onSave={save} />
 */
export function ProgramCodeEditor({ name, initialValue, onChange, onReady, ...props }: MonacoCodeEditorProps & { name: string }) {
  const [initial] = useState(initialValue);
  const [ready, setReady] = useState(false);
  const hydrated = useHydrated();
  const field = useRef<HTMLInputElement>(null);
  const errorLines = (props.checkErrors ?? []).flatMap((e) => (e.line ? [e.line] : []));
  const edited = (next: string) => {
    if (field.current) field.current.value = next;
    onChange(next);
  };
  return (
    <div
      data-testid="program-code"
      data-editor={ready ? "monaco" : "textarea"}
      className="relative h-96 overflow-hidden rounded-lg border border-slate-300 bg-[#1e1e1e] shadow-sm"
    >
      {hydrated && <input ref={field} type="hidden" name={name} defaultValue={initial} />}
      <MonacoCodeEditor
        {...props}
        initialValue={initial}
        onChange={edited}
        onReady={(read) => {
          setReady(true);
          onReady?.(read);
        }}
      />
      {!ready && (
        <div className="absolute inset-0">
          <CodeEditor value={initial} readOnly errorLines={errorLines} />
          {hydrated && (
            <span data-testid="editor-loading" className="absolute right-3 top-2 rounded bg-slate-800 px-2 py-0.5 text-xs text-slate-300">
              Loading the editor… (read-only)
            </span>
          )}
          <noscript>
            <div className="absolute inset-0">
              <CodeEditor name={name} value={initial} errorLines={errorLines} />
            </div>
          </noscript>
        </div>
      )}
    </div>
  );
}
