"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useRef, useState } from "react";
import { setupMonaco } from "./monaco-setup";

/** A static-check error from "run on sample"; `line`/`column` are 1-based. */
export interface CheckMarker {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export interface MonacoCodeEditorProps {
  readonly value: string;
  readonly onChange: (next: string) => void;
  readonly language: "python" | "javascript";
  readonly checkErrors?: readonly CheckMarker[];
  /** Ctrl/Cmd+Enter; absent when the page cannot run the code now. */
  readonly onRun?: () => void;
  /** Ctrl/Cmd+S. */
  readonly onSave?: () => void;
  /** Called once the editor is on screen and editable. */
  readonly onReady?: () => void;
}

const OWNER = "alchemist-check";
const NO_ERRORS: readonly CheckMarker[] = [];
type Monaco = ReturnType<typeof setupMonaco>;
type CodeEditor = Parameters<OnMount>[0];

function toMarkers(m: Monaco, model: NonNullable<ReturnType<CodeEditor["getModel"]>>, errors: readonly CheckMarker[]) {
  return errors.flatMap((e) => {
    if (!e.line) return [];
    const line = Math.min(Math.max(1, e.line), model.getLineCount());
    const end = model.getLineMaxColumn(line);
    // Without a column the whole line (from its first non-blank character) is underlined.
    const start = e.column ? Math.min(e.column, end) : Math.max(1, model.getLineFirstNonWhitespaceColumn(line));
    return [{ severity: m.MarkerSeverity.Error, message: e.message, source: "static check", startLineNumber: line, startColumn: start, endLineNumber: line, endColumn: start < end ? end : start + 1 }];
  });
}

/**
 * Monaco, bundled (never from a CDN), with Python/JavaScript highlighting, static-check errors
 * as markers, and Ctrl/Cmd+Enter (run) and Ctrl/Cmd+S (save). Browser only: load it with
 * `dynamic(() => import("./monaco-code-editor"), { ssr: false })`.
 *
 * @example
 * <MonacoCodeEditor value={source} onChange={setSource} language="python" checkErrors={errors} />
 */
export default function MonacoCodeEditor({ value, onChange, language, checkErrors = NO_ERRORS, onRun, onSave, onReady }: MonacoCodeEditorProps) {
  const [monaco] = useState(setupMonaco);
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  const actions = useRef({ onRun, onSave, onReady });
  useEffect(() => {
    actions.current = { onRun, onSave, onReady };
  });
  useEffect(() => {
    const model = editor?.getModel();
    if (model) monaco.editor.setModelMarkers(model, OWNER, toMarkers(monaco, model, checkErrors));
  }, [monaco, editor, checkErrors, language]);
  const onMount: OnMount = (mounted, m) => {
    mounted.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.Enter, () => actions.current.onRun?.());
    mounted.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.KeyS, () => actions.current.onSave?.());
    setEditor(mounted);
    actions.current.onReady?.();
  };
  return (
    <Editor
      value={value}
      language={language}
      theme="vs-dark"
      onChange={(next) => onChange(next ?? "")}
      onMount={onMount}
      loading={null}
      options={{ fontSize: 13, lineHeight: 20, minimap: { enabled: false }, tabSize: 4, insertSpaces: true, scrollBeyondLastLine: false, automaticLayout: true, fixedOverflowWidgets: true, padding: { top: 12 } }}
    />
  );
}
