// The projects feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { ProjectPage } from "./components/project-page";
export { ProjectsPage } from "./components/projects-page";
export { DeleteProjectInput, RenameProjectInput, deleteProject, renameProject } from "./server/manage-project";
