"use client";

import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/python/register";
import "monaco-editor/languages/definitions/javascript/register";

declare global {
  interface Window {
    /** The studio's bundled Monaco: used by the program editor, and by browser tests to read or set code. */
    monaco?: typeof monaco;
  }
}

let configured = false;

/**
 * Points `@monaco-editor/react` at the bundled `monaco-editor` (its default loads Monaco from a
 * CDN, which an offline studio cannot reach) and gives Monaco a bundled module worker. Browser
 * only: import it from a component loaded with `dynamic(..., { ssr: false })`. Idempotent.
 *
 * @example
 * const monaco = setupMonaco();
 */
export function setupMonaco(): typeof monaco {
  if (configured) return monaco;
  self.MonacoEnvironment = {
    getWorker: () => new Worker(new URL("./monaco-worker.ts", import.meta.url), { type: "module", name: "monaco-editor" }),
  };
  loader.config({ monaco });
  window.monaco = monaco;
  configured = true;
  return monaco;
}
