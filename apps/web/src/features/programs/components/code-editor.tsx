"use client";

import { useRef, useState, type KeyboardEvent } from "react";

/**
 * The plain code editor: a monospace textarea with a line-number gutter that scrolls with it
 * (error lines in red); Tab indents by four spaces. It is what the program page shows until
 * Monaco has loaded (`readOnly`), and all it shows without JavaScript, so it fills its container
 * and carries the form field `name`. Without `onChange` it keeps its own text (a plain form field).
 *
 * @example
 * <CodeEditor name="source" value={source} onChange={setSource} errorLines={[3]} />
 */
export function CodeEditor({
  name,
  value: given,
  onChange,
  readOnly = false,
  errorLines = [],
}: {
  name?: string;
  value: string;
  onChange?: (next: string) => void;
  readOnly?: boolean;
  errorLines?: readonly number[];
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const [own, setOwn] = useState(given);
  const value = onChange ? given : own;
  const change = onChange ?? setOwn;
  const lines = value.split("\n").length;
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (readOnly || event.key !== "Tab" || event.shiftKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const area = event.currentTarget;
    const { selectionStart: start, selectionEnd: end } = area;
    change(`${value.slice(0, start)}    ${value.slice(end)}`);
    requestAnimationFrame(() => area.setSelectionRange(start + 4, start + 4));
  };
  return (
    <div className="flex h-full overflow-hidden bg-slate-950 font-mono text-[13px] leading-5">
      <div ref={gutter} aria-hidden className="select-none overflow-hidden bg-slate-900 px-3 py-3 text-right text-slate-500">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={errorLines.includes(i + 1) ? "text-rose-400" : undefined}>
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        name={name}
        data-testid="code-editor"
        aria-label="Program source"
        value={value}
        spellCheck={false}
        wrap="off"
        readOnly={readOnly}
        aria-busy={readOnly || undefined}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
        onScroll={(e) => gutter.current && (gutter.current.scrollTop = e.currentTarget.scrollTop)}
        className="flex-1 resize-none bg-transparent p-3 text-slate-100 outline-none"
      />
    </div>
  );
}
