export { invitationJson } from "../../../_internal/invitation-json.js";
export { memberJson, rolesJson } from "../../../_internal/member-json.js";
