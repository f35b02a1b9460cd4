"use client";

import { useEffect, useState } from "react";

/**
 * False during the server render and until React has hydrated this component, then true.
 * Controls that need JavaScript stay disabled until then, and forms expose it as `data-ready`.
 *
 * @example
 * const hydrated = useHydrated();
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
