// The analysis feature's client surface: browser-safe exports (client components, hooks, pure helpers, server-action
// references) that any module may import. Nothing here may reach "server-only" code; see DEVELOPERS.md.

export { parseAnalysisSnapshot } from "./analysis-view";
export type { AnalysisView } from "./analysis-view";
export { BarChart } from "./components/bar-chart";
export { parseAnalysisSearch } from "./parse-analysis-search";
