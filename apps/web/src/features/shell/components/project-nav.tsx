"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ProjectRole } from "@alchemist/engine";
import { activeProjectNav, itemsFor, OVERVIEW_ITEM, SETTINGS_GROUP, WORKFLOW_GROUPS, type ProjectNavItem } from "../project-nav-items";

const itemClass = (active: boolean) =>
  `-mb-px whitespace-nowrap border-b-2 px-2 py-1.5 ${active ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;

function NavLink({ projectId, item, active }: { projectId: string; item: ProjectNavItem; active: boolean }) {
  // prefetch={false}: a header of 15 links prefetched on every page cost dozens of RSC requests
  // per view; the pages are dynamic, so a prefetch bought little anyway.
  return (
    <Link
      href={`/projects/${projectId}${item.path}`}
      prefetch={false}
      data-testid={`tab-${item.key}`}
      aria-current={active ? "page" : undefined}
      className={itemClass(active)}
    >
      {item.label}
    </Link>
  );
}

/**
 * The project's workflow navigation (Overview, then Data -> Programs -> Model -> Review -> Deliver,
 * each step a labelled group of links). The active step and link come from the URL, so nested
 * pages (a program, a dataset's rows, a review batch) light up the step they belong to. Links to
 * pages the member's `role` cannot open (Import, New program for viewers and reviewers) are left out.
 *
 * @example
 * <ProjectWorkflowNav projectId={project.id} role="EDITOR" />
 */
export function ProjectWorkflowNav({ projectId, role }: { projectId: string; role: ProjectRole }) {
  const active = activeProjectNav(usePathname(), projectId);
  return (
    <nav aria-label="Project" data-testid="project-nav" className="flex flex-wrap items-end gap-x-1 gap-y-2 border-b border-slate-200 text-sm">
      <div className="flex flex-col">
        <span className="px-2 text-[10px] font-medium uppercase tracking-wide text-transparent" aria-hidden>
          ·
        </span>
        <NavLink projectId={projectId} item={OVERVIEW_ITEM} active={active.item === "overview"} />
      </div>
      {WORKFLOW_GROUPS.map((group, index) => {
        const current = active.group === group.key;
        return (
          <div
            key={group.key}
            role="group"
            aria-label={group.label}
            data-testid={`nav-group-${group.key}`}
            data-active={current ? "true" : "false"}
            className="flex items-end"
          >
            <span aria-hidden className="px-1 pb-1.5 text-slate-300">
              {index === 0 ? "|" : "→"}
            </span>
            <div className="flex flex-col">
              <span className={`px-2 text-[10px] font-semibold uppercase tracking-wide ${current ? "text-indigo-700" : "text-slate-400"}`}>
                {index + 1}. {group.label}
              </span>
              <div className={`flex rounded-t ${current ? "bg-indigo-50/60" : ""}`}>
                {itemsFor(group.items, role).map((item) => (
                  <NavLink key={item.key} projectId={projectId} item={item} active={active.item === item.key} />
                ))}
              </div>
            </div>
          </div>
        );
      })}
    </nav>
  );
}

/**
 * Jobs, costs, members, audit and settings: project administration, apart from the workflow
 * (audit and settings for owners only, like their pages).
 *
 * @example
 * <ProjectSettingsNav projectId={project.id} role="OWNER" />
 */
export function ProjectSettingsNav({ projectId, role }: { projectId: string; role: ProjectRole }) {
  const active = activeProjectNav(usePathname(), projectId);
  return (
    <nav
      aria-label="Project settings"
      data-testid="project-settings-nav"
      data-active={active.group === SETTINGS_GROUP.key ? "true" : "false"}
      className="flex flex-wrap gap-x-1 text-sm"
    >
      {itemsFor(SETTINGS_GROUP.items, role).map((item) => (
        <NavLink key={item.key} projectId={projectId} item={item} active={active.item === item.key} />
      ))}
    </nav>
  );
}
