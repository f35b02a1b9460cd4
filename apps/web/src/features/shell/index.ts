// The shell feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { AppShell } from "./components/app-shell";
export { getProjectHeader } from "./server/get-project-header";
export { datasetTitle, programTitle } from "./server/page-titles";
export { projectMetadata } from "./server/project-metadata";
