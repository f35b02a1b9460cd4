// The images feature's client surface: browser-safe exports (client components, hooks, pure helpers, server-action
// references) that any module may import. Nothing here may reach "server-only" code; see DEVELOPERS.md.

export { startImageImportAction } from "./actions";
export { ImageGrid, imageUrl } from "./components/image-grid";
export { IMAGE_FEATURE_LABELS, IMAGE_FEATURE_OPTIONS } from "./image-feature-labels";
