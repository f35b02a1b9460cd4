// The programs feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { ProgramPage } from "./components/program-page";
export { getRefinement } from "./server/get-program-details";
export { RefineInput, startRefinement } from "./server/refine-program";
