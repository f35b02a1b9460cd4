// The runs feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { RunDiffPage } from "./components/run-diff-page";
export { RunsPage } from "./components/runs-page";
export { getRunDiffPage } from "./server/get-run-diff-page";
export { loadRunNames, readRunNames } from "./server/read-run-names";
export { runPageTitle } from "./server/run-page-title";
