// The datasets feature's client surface: browser-safe exports (client components, hooks, pure helpers, server-action
// references) that any module may import. Nothing here may reach "server-only" code; see DEVELOPERS.md.

export { guessMapping } from "./guess-mapping";
export { parseRowsQuery } from "./rows-query";
export { uploadFormat } from "./upload-format";
