// The generate feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { GeneratePage } from "./components/generate-page";
export { estimateGenerationForProject } from "./server/estimate-generation";
