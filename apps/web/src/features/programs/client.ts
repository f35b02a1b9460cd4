// The programs feature's client surface: browser-safe exports (client components, hooks, pure helpers, server-action
// references) that any module may import. Nothing here may reach "server-only" code; see DEVELOPERS.md.

export { ProgramsTable } from "./components/programs-table";
export { StoppedNote, faultTitle } from "./components/stopped-note";
export { parseProgramTableQuery } from "./program-table-query";
