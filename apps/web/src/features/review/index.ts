// The review feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { AdjudicatePage } from "./components/adjudicate-page";
export { BatchLabelPage } from "./components/batch-label-page";
export { BatchesPage } from "./components/batches-page";
export { ReviewPage } from "./components/review-page";
export { StatsPage } from "./components/stats-page";
export { QueueParams, ReviewInput, getReviewQueue, projectClasses, submitReview } from "./server/review-service";
export { getBatchStats } from "./server/team-service";
