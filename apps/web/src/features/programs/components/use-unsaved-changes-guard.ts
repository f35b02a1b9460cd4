"use client";

import { useEffect } from "react";

/** What the studio asks before leaving a page with unsaved edits. */
export const UNSAVED_CHANGES_MESSAGE = "You have unsaved changes to this program. Leave the page and lose them?";

/**
 * While `dirty`, asks before the page is left: a click on a link inside the app (Next.js links
 * navigate without unloading, so the browser would not ask) gets a confirm dialog, and closing,
 * reloading or leaving the site gets the browser's own "leave site?" prompt (beforeunload).
 *
 * @example
 * useUnsavedChangesGuard(source !== saved);
 */
export function useUnsavedChangesGuard(dirty: boolean, message: string = UNSAVED_CHANGES_MESSAGE): void {
  useEffect(() => {
    if (!dirty) return;
    // Set once the user agreed to leave through a link, so a full-page link does not ask twice.
    let leaving = false;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving) return;
      event.preventDefault();
      // Chromium before 119 and Safari only ask when returnValue is set.
      event.returnValue = "";
    };
    // Capture phase on the document: runs before React's (and so Next's <Link>) click handlers.
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
      const to = new URL(link.href, window.location.href);
      if (to.origin !== window.location.origin) return; // a full unload: beforeunload asks
      if (to.pathname === window.location.pathname && to.search === window.location.search) return; // same page (an anchor)
      if (window.confirm(message)) {
        leaving = true;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
}
