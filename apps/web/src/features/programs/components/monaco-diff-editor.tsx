"use client";

import { DiffEditor } from "@monaco-editor/react";
import { useState } from "react";
import { setupMonaco } from "./monaco-setup";

export interface MonacoDiffEditorProps {
  readonly original: string;
  readonly modified: string;
  readonly language: "python" | "javascript";
  readonly onReady?: () => void;
}

/**
 * Monaco's side-by-side diff of two sources, bundled (never from a CDN), read-only. Browser only:
 * load it with `dynamic(() => import("./monaco-diff-editor"), { ssr: false })`.
 *
 * @example
 * <MonacoDiffEditor original={v1.source} modified={v2.source} language="python" />
 */
export default function MonacoDiffEditor({ original, modified, language, onReady }: MonacoDiffEditorProps) {
  useState(setupMonaco);
  return (
    <DiffEditor
      original={original}
      modified={modified}
      language={language}
      theme="vs-dark"
      loading={null}
      onMount={() => onReady?.()}
      options={{
        readOnly: true,
        originalEditable: false,
        renderSideBySide: true,
        fontSize: 13,
        lineHeight: 20,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        automaticLayout: true,
        renderOverviewRuler: false,
      }}
    />
  );
}
