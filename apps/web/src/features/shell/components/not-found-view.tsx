import Link from "next/link";

/**
 * The 404 page: unknown routes and unknown project ids (`notFound()`) both land here.
 *
 * @example
 * export { NotFoundView as default } from "@/features/shell/client";
 */
export function NotFoundView() {
  return (
    <section data-testid="not-found" className="mx-auto max-w-md py-24 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="mt-2 text-slate-600">This page or project does not exist, or it was deleted.</p>
      <Link href="/projects" className="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Back to projects
      </Link>
    </section>
  );
}
