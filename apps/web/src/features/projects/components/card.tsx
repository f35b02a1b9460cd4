import type { ReactNode } from "react";

/**
 * A titled white panel used for the summary blocks of the project page.
 *
 * @example
 * <Card title="Dataset" testId="dataset-summary">...</Card>
 */
export function Card({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}
