// The analysis feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { AnalysisPage } from "./components/analysis-page";
export { RunPicker } from "./components/run-picker";
export { getAnalysisPage } from "./server/get-analysis-page";
export type { RunOption } from "./server/get-analysis-page";
