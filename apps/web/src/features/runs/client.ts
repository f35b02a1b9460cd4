// The runs feature's client surface: browser-safe exports (client components, hooks, pure helpers, server-action
// references) that any module may import. Nothing here may reach "server-only" code; see DEVELOPERS.md.

export { parseRunAnalysis, stoppedSchema } from "./parse-run-analysis";
export type { ProgramAnalysisRow, RunAnalysis } from "./parse-run-analysis";
export { chosenLabelModelScores, parseDiffQuery } from "./run-summary";
export type { LabelModelScoresView } from "./run-summary";
