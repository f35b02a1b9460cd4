import { expect, type Page } from "@playwright/test";
import type * as MonacoApi from "monaco-editor/editor";

declare global {
  interface Window {
    /** The program page's bundled Monaco (apps/web programs/components/monaco-setup.ts). */
    monaco?: typeof MonacoApi;
  }
}

/**
 * Puts code into the program editor once Monaco has replaced the loading textarea, through the
 * program editor's own Monaco model (typed keys would be auto-indented; the page may hold other
 * Monaco editors, e.g. a version diff), again if the editor was re-mounted meanwhile. A submit
 * copies what the editor shows into the form.
 *
 * @example
 * await setProgramCode(page, "def label_function(x):\n    return -1\n");
 */
export async function setProgramCode(page: Page, source: string): Promise<void> {
  await expect(page.getByTestId("program-code")).toHaveAttribute("data-editor", "monaco", { timeout: 30_000 });
  await expect
    .poll(
      () =>
        page.evaluate((code) => {
          const editor = window.monaco!.editor.getEditors().find((e) => e.getContainerDomNode().closest('[data-testid="program-code"]'));
          if (editor && editor.getValue() !== code) editor.setValue(code);
          return editor?.getValue() ?? null;
        }, source),
      { timeout: 15_000 },
    )
    .toBe(source);
}

/**
 * The text the program editor's Monaco holds (null before Monaco is live).
 *
 * @example
 * expect(await programCode(page)).toContain("def label_function");
 */
export function programCode(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      window.monaco?.editor
        .getEditors()
        .find((e) => e.getContainerDomNode().closest('[data-testid="program-code"]'))
        ?.getValue() ?? null,
  );
}
