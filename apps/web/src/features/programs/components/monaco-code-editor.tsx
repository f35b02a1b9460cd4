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
  /** The saved source the editor opens with. Read once: later changes never replace what the user typed. */
  readonly initialValue: string;
  /** Every edit, synchronously from Monaco's change event (before React renders). */
  readonly onChange: (next: string) => void;
  readonly language: "python" | "javascript";
  readonly checkErrors?: readonly CheckMarker[];
  /** Ctrl/Cmd+Enter; absent when the page cannot run the code now. */
  readonly onRun?: () => void;
  /** Ctrl/Cmd+S. */
  readonly onSave?: () => void;
  /** Called once the editor holds `initialValue` and is editable, with a reader of its current text. */
  readonly onReady?: (read: () => string) => void;
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
    return [
      {
        severity: m.MarkerSeverity.Error,
        message: e.message,
        source: "static check",
        startLineNumber: line,
        startColumn: start,
        endLineNumber: line,
        endColumn: start < end ? end : start + 1,
      },
    ];
  });
}

// Enter always starts a new line (Tab accepts a suggestion): a suggestion popping up while someone
// types must not rewrite the word they just finished.
const OPTIONS = {
  fontSize: 13,
  lineHeight: 20,
  minimap: { enabled: false },
  tabSize: 4,
  insertSpaces: true,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  fixedOverflowWidgets: true,
  padding: { top: 12 },
  acceptSuggestionOnEnter: "off",
} as const;

/**
 * Monaco, bundled (never from a CDN), with Python/JavaScript highlighting, static-check errors
 * as markers, and Ctrl/Cmd+Enter (run) and Ctrl/Cmd+S (save). Uncontrolled: its model is created
 * holding `initialValue` and the editor owns the text from then on; nothing ever writes a value
 * back into it (a controlled value that lags behind fast typing would overwrite newer keystrokes
 * and move the cursor to the end). Browser only: load it with
 * `dynamic(() => import("./monaco-code-editor"), { ssr: false })`.
 *
 * @example
 * <MonacoCodeEditor initialValue={saved} onChange={setSource} language="python" checkErrors={errors} />
 */
export default function MonacoCodeEditor({ initialValue, onChange, language, checkErrors = NO_ERRORS, onRun, onSave, onReady }: MonacoCodeEditorProps) {
  const [monaco] = useState(setupMonaco);
  const [initial] = useState(initialValue);
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  const actions = useRef({ onRun, onSave, onReady, onChange });
  useEffect(() => {
    actions.current = { onRun, onSave, onReady, onChange };
  });
  useEffect(() => {
    const model = editor?.getModel();
    if (model) monaco.editor.setModelMarkers(model, OWNER, toMarkers(monaco, model, checkErrors));
  }, [monaco, editor, checkErrors, language]);
  const onMount: OnMount = (mounted, m) => {
    mounted.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.Enter, () => actions.current.onRun?.());
    mounted.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.KeyS, () => actions.current.onSave?.());
    // The studio stores LF line endings whatever the platform's default.
    mounted.getModel()?.setEOL(m.editor.EndOfLineSequence.LF);
    mounted.onDidChangeModelContent(() => actions.current.onChange(mounted.getValue()));
    // Monaco is on screen (and editable) one render before onMount: keys typed then are in the model already.
    if (mounted.getValue() !== initial) actions.current.onChange(mounted.getValue());
    setEditor(mounted);
    actions.current.onReady?.(() => mounted.getValue());
  };
  return <Editor defaultValue={initial} language={language} theme="vs-dark" onMount={onMount} loading={null} options={OPTIONS} />;
}
