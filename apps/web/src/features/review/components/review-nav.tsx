import Link from "next/link";

const LINKS = [
  ["queue", "Review queue", ""],
  ["batches", "Team review", "/batches"],
] as const;

/**
 * Sub-navigation of the review area (solo queue, team batches).
 *
 * @example
 * <ReviewNav projectId={projectId} current="queue" />
 */
export function ReviewNav({ projectId, current }: { projectId: string; current: (typeof LINKS)[number][0] }) {
  return (
    <nav aria-label="Review" className="flex gap-2 text-sm">
      {LINKS.map(([key, label, path]) => (
        <Link
          key={key}
          href={`/projects/${projectId}/review${path}`}
          data-testid={`review-nav-${key}`}
          className={`rounded-md px-3 py-1 ${key === current ? "bg-indigo-100 font-medium text-indigo-800" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
