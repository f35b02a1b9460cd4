// The images feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { ConceptsSection } from "./components/concepts-section";
export { ImageRowsGrid } from "./components/image-rows-grid";
export { imageDatasetOfRow, openDatasetImage } from "./server/image-datasets";
export { imageTrainFeatures } from "./server/image-train-features";
