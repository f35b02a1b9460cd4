// The exports feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { ExportsPage } from "./components/exports-page";
export { listExports } from "./server/list-exports";
export { openExportDownload } from "./server/open-export-download";
export { startExport } from "./server/start-export";
