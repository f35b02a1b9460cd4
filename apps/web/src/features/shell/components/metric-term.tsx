import type { ReactNode } from "react";

/**
 * A metric's label with its explanation on hover (the native `title`, so it works without
 * script and for keyboard users via the focusable wrapper) and a small "?" marking it.
 *
 * @example
 * <MetricTerm help={METRIC_HELP.ece}>ECE</MetricTerm>
 */
export function MetricTerm({ help, children, testId }: { help: string; children: ReactNode; testId?: string }) {
  return (
    <span title={help} tabIndex={0} data-testid={testId} className="cursor-help underline decoration-slate-400 decoration-dotted underline-offset-2">
      {children}
      <sup aria-hidden className="ml-0.5 text-[9px] text-slate-400">
        ?
      </sup>
      <span className="sr-only"> ({help})</span>
    </span>
  );
}
