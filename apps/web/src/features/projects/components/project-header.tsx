"use client";

import Link from "next/link";
import type { ProjectHeaderData } from "../server/get-project-header";

const TABS = [
  ["overview", "Overview", ""],
  ["data", "Add data", "/datasets/new"],
  ["task", "Task", "/task"],
  ["generate", "Generate", "/generate"],
  ["programs", "New program", "/programs/new"],
  ["analysis", "Analysis", "/analysis"],
  ["label-model", "Label model", "/label-model"],
  ["review", "Review", "/review"],
  ["train", "Train", "/train"],
  ["runs", "Runs", "/runs"],
  ["jobs", "Jobs", "/jobs"],
  ["predict", "Label new data", "/predict"],
  ["exports", "Exports", "/exports"],
  ["costs", "Costs", "/costs"],
  ["settings", "Settings", "/settings"],
  ["members", "Members", "/members"],
  ["audit", "Audit", "/audit"],
] as const;

export type ProjectTab = (typeof TABS)[number][0];

/**
 * Breadcrumb, project name and the project's tabs, shared by every project page.
 *
 * @example
 * <ProjectHeader project={project} current="task" title="Task" />
 */
export function ProjectHeader({ project, current, title }: { project: ProjectHeaderData; current: ProjectTab; title?: string }) {
  return (
    <header className="space-y-4">
      <div>
        <Link href="/projects" className="text-sm text-slate-500 hover:text-slate-800">← Projects</Link>
        <h1 data-testid="project-name" className="mt-2 text-2xl font-semibold tracking-tight">{project.name}</h1>
        {project.description && <p className="mt-1 max-w-3xl text-slate-600">{project.description}</p>}
      </div>
      <nav aria-label="Project" className="flex flex-wrap gap-x-1 border-b border-slate-200 text-sm">
        {TABS.map(([key, label, path]) => (
          <Link key={key} href={`/projects/${project.id}${path}`} data-testid={`tab-${key}`}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 ${key === current ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
            {label}
          </Link>
        ))}
      </nav>
      {title && <h2 className="text-lg font-semibold">{title}</h2>}
    </header>
  );
}
