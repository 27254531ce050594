import type { Invitation } from "../../model/invitation.js";
import { toJson } from "./audit-values.js";
import type { JsonObject } from "./run-command.js";

/** An invitation's state as the audit log shows it: its status, when it was sent and until when it runs (shared by the onboarding and credential commands). */
export function invitationJson(invitation: Invitation): JsonObject {
  return {
    id: invitation.id,
    status: invitation.state.status,
    sentAt: toJson(invitation.sentAt),
    expiresAt: toJson(invitation.expiresAt),
  };
}
