import Link from "next/link";
import type { NextStep } from "../next-step";

/**
 * The overview's "next step" banner: the first workflow step the project has not done, with a
 * link to the page that does it (the one link worth prefetching from the overview).
 *
 * @example
 * <NextStepHint projectId={project.id} step={nextStep(progress)} />
 */
export function NextStepHint({ projectId, step }: { projectId: string; step: NextStep }) {
  return (
    <aside
      data-testid="next-step"
      data-step={step.key}
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3"
    >
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide text-indigo-700">Next step</p>
        <p className="font-medium text-slate-900">{step.title}</p>
        <p className="text-sm text-slate-600">{step.detail}</p>
      </div>
      {step.path !== null && (
        <Link href={`/projects/${projectId}${step.path}`} data-testid="next-step-link" className="btn-primary">
          {step.title} →
        </Link>
      )}
    </aside>
  );
}
