"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * The 403 page: a project member whose role does not allow a page (`forbidden()` from
 * `authorizeProjectPage`) lands here with HTTP 403, never on the error boundary.
 *
 * @example
 * export { ForbiddenView as default } from "@/features/shell/client";
 */
export function ForbiddenView() {
  // forbidden.tsx gets no props; the project to go back to is in the URL.
  const project = /^\/projects\/([^/]+)/.exec(usePathname() ?? "")?.[1];
  const back = project ? `/projects/${project}` : "/projects";
  return (
    <section data-testid="forbidden" role="alert" className="mx-auto max-w-md py-24 text-center">
      <p className="text-sm font-semibold text-amber-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Not available to your role</h1>
      <p className="mt-2 text-slate-600">
        Your role in this project does not include this page. Owners manage settings, members and the audit log; editors change data, programs and models;
        reviewers label. A project owner can change your role on the Members page.
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <Link href={back} data-testid="forbidden-back" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          {project ? "Back to the project" : "Back to projects"}
        </Link>
        {project && (
          <Link href={`${back}/members`} className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
            Members
          </Link>
        )}
      </div>
    </section>
  );
}
