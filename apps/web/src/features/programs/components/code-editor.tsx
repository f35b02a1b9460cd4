"use client";

import { useRef, type KeyboardEvent } from "react";

/**
 * A plain code editor: a monospace textarea with a line-number gutter that scrolls with it; Tab
 * indents by four spaces. (Monaco is not installed in this workspace.)
 *
 * @example
 * <CodeEditor name="source" value={source} onChange={setSource} />
 */
export function CodeEditor({ name, value, onChange, errorLines = [] }: { name: string; value: string; onChange: (next: string) => void; errorLines?: readonly number[] }) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split("\n").length;
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Tab" || event.shiftKey) return;
    event.preventDefault();
    const area = event.currentTarget;
    const { selectionStart: start, selectionEnd: end } = area;
    onChange(`${value.slice(0, start)}    ${value.slice(end)}`);
    requestAnimationFrame(() => area.setSelectionRange(start + 4, start + 4));
  };
  return (
    <div className="flex h-96 overflow-hidden rounded-lg border border-slate-300 bg-slate-950 font-mono text-[13px] leading-5 shadow-sm">
      <div ref={gutter} aria-hidden className="select-none overflow-hidden bg-slate-900 px-3 py-3 text-right text-slate-500">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={errorLines.includes(i + 1) ? "text-rose-400" : undefined}>{i + 1}</div>
        ))}
      </div>
      <textarea
        name={name}
        data-testid="code-editor"
        aria-label="Program source"
        value={value}
        spellCheck={false}
        wrap="off"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onScroll={(e) => gutter.current && (gutter.current.scrollTop = e.currentTarget.scrollTop)}
        className="flex-1 resize-none bg-transparent p-3 text-slate-100 outline-none"
      />
    </div>
  );
}
