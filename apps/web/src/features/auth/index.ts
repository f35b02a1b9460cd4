// The auth feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { UserMenu } from "./components/user-menu";
export { safeNext, toAppError } from "./server/auth-error";
export { getAuth } from "./server/auth";
export { authorizeProject, authorizeProjectPage, authorizedProjectHeader, requireUser, requireUserPage } from "./server/authorize";
export type { ProjectActor, ProjectRole } from "./server/authorize";
export { getSignedInUser } from "./server/get-signed-in-user";
export { listMyProjects } from "./server/list-my-projects";
