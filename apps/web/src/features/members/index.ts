// The members feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { InvitationPage } from "./components/invitation-page";
export { MembersPage } from "./components/members-page";
export { joinByInvitation } from "./server/members-service";
