"use client";

/**
 * The error boundary's page: a failed database read or a malformed snapshot shows this instead
 * of a blank screen; the digest matches the server log line.
 *
 * @example
 * export { ErrorView as default } from "@/features/shell/client";
 */
export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section data-testid="error-view" role="alert" className="mx-auto max-w-md py-24 text-center">
      <p className="text-sm font-semibold text-rose-600">Error</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="mt-2 text-slate-600">The studio could not load this page. Check that Postgres is reachable, then try again.</p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-400">digest {error.digest}</p>}
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Try again
      </button>
    </section>
  );
}
