// The jobs feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { JobsPage } from "./components/jobs-page";
export { enqueueJob } from "./server/enqueue-job";
export { getQueue, getQueueEvents } from "./server/get-queue";
export { jobStreamResponse } from "./server/job-stream";
export { listProjectJobs } from "./server/list-project-jobs";
export { projectHasActiveJobs } from "./server/project-has-active-jobs";
export { queueReviewOrder, queueRunDiff } from "./server/queue-derived-job";
export type { DerivedJob } from "./server/queue-derived-job";
export { runAndWait } from "./server/run-and-wait";
