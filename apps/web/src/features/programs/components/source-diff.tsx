"use client";

import dynamic from "next/dynamic";
import { useState } from "react";

// Monaco touches `window` when it loads, so it never renders on the server.
const MonacoDiffEditor = dynamic(() => import("./monaco-diff-editor"), { ssr: false, loading: () => null });

/**
 * Two sources side by side with Monaco's diff once it has loaded; two plain panes before that
 * (and without JavaScript). `data-editor` says which is live ("plain" or "monaco").
 *
 * @example
 * <SourceDiff original={a.source} modified={b.source} language="python" labels={["v1", "v3"]} />
 */
export function SourceDiff({
  original,
  modified,
  language,
  labels,
  testId = "version-diff",
}: {
  original: string;
  modified: string;
  language: "python" | "javascript";
  labels: [string, string];
  testId?: string;
}) {
  const [ready, setReady] = useState(false);
  return (
    <div data-testid={testId} data-editor={ready ? "monaco" : "plain"} className="overflow-hidden rounded-lg border border-slate-300 bg-[#1e1e1e] shadow-sm">
      <div className="grid grid-cols-2 border-b border-slate-700 text-xs font-medium text-slate-300">
        <span data-testid="diff-original-label" className="px-3 py-1.5">
          {labels[0]}
        </span>
        <span data-testid="diff-modified-label" className="px-3 py-1.5">
          {labels[1]}
        </span>
      </div>
      <div className="relative h-80">
        <MonacoDiffEditor original={original} modified={modified} language={language} onReady={() => setReady(true)} />
        {!ready && (
          <div className="absolute inset-0 grid grid-cols-2 divide-x divide-slate-700 overflow-auto font-mono text-[13px] leading-5 text-slate-100">
            <pre className="p-3">{original}</pre>
            <pre className="p-3">{modified}</pre>
          </div>
        )}
      </div>
    </div>
  );
}
