// The jobs feature's client surface: browser-safe exports (client components, hooks, pure helpers, server-action
// references) that any module may import. Nothing here may reach "server-only" code; see DEVELOPERS.md.

export { ApplyButton } from "./components/apply-button";
export { DerivedJobProgress } from "./components/derived-job-progress";
export { JobStatus } from "./components/job-status";
export { LiveJobs } from "./components/live-jobs";
export { ProgressBar } from "./components/progress-bar";
export { StatusBadge } from "./components/status-badge";
export { useProjectJobs } from "./components/use-project-jobs";
export { isActive, mergeJobViews } from "./job-view";
export type { JobView } from "./job-view";
