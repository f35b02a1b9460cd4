"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { CodeEditor } from "./code-editor";
import type { MonacoCodeEditorProps } from "./monaco-code-editor";

// Monaco touches `window` when it loads, so it never renders on the server.
const MonacoCodeEditor = dynamic(() => import("./monaco-code-editor"), { ssr: false, loading: () => null });

/**
 * The program page's code editor: Monaco once it has loaded, the plain textarea before that (and
 * without JavaScript), the same text in both. The code reaches the form as the field `name`.
 * The container says which editor is live in `data-editor` ("textarea" or "monaco").
 *
 * @example
 * <ProgramCodeEditor name="source" value={source} onChange={setSource} language="python" checkErrors={errors} onRun={run} onSave={save} />
 */
export function ProgramCodeEditor({ name, ...props }: Omit<MonacoCodeEditorProps, "onReady"> & { name: string }) {
  const [ready, setReady] = useState(false);
  const errorLines = (props.checkErrors ?? []).flatMap((e) => (e.line ? [e.line] : []));
  return (
    <div data-testid="program-code" data-editor={ready ? "monaco" : "textarea"} className="relative h-96 overflow-hidden rounded-lg border border-slate-300 bg-[#1e1e1e] shadow-sm">
      {ready && <input type="hidden" name={name} value={props.value} />}
      <MonacoCodeEditor {...props} onReady={() => setReady(true)} />
      {!ready && (
        <div className="absolute inset-0">
          <CodeEditor name={name} value={props.value} onChange={props.onChange} errorLines={errorLines} />
        </div>
      )}
    </div>
  );
}
