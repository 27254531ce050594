import type { AuditEvent } from "../../../model/audit-event.js";
import type { Credential } from "../../../model/credential.js";
import type { Group } from "../../../model/group.js";
import type { Invitation } from "../../../model/invitation.js";
import type { Organization } from "../../../model/organization.js";
import type { OutboxMail } from "../../../model/outbox-mail.js";
import type { RoleAssignment } from "../../../model/role-assignment.js";
import type { Token } from "../../../model/token.js";
import type { User } from "../../../model/user.js";
import { makeTestAuditEvent } from "./fixtures/audit-event.js";
import { makeTestCredential } from "./fixtures/credential.js";
import { makeTestGroup } from "./fixtures/group.js";
import { makeTestInvitation } from "./fixtures/invitation.js";
import { makeTestOrganization } from "./fixtures/organization.js";
import { makeTestMail } from "./fixtures/outbox-mail.js";
import { makeTestRoleAssignment } from "./fixtures/role-assignment.js";
import { makeTestToken } from "./fixtures/token.js";
import { makeTestUser } from "./fixtures/user.js";

/** One record of every entity, all in one organization, linked to each other. */
export interface RecordSet {
  readonly customer: Organization;
  readonly user: User;
  readonly group: Group;
  readonly assignment: RoleAssignment;
  readonly invitation: Invitation;
  readonly token: Token;
  readonly credential: Credential;
  readonly event: AuditEvent;
  readonly mail: OutboxMail;
}

/**
 * A record of every entity in `organization` (default `org-a`) whose ids and unique values all carry
 * `tag`, so two sets never collide: a customer of the organization, a directory user (username `TAG`),
 * a group holding the user, the user's `editor` grant, invitation, token, credential, an audit event
 * about the user, and a due mail.
 */
export function recordSet(tag: string, organization = "org-a"): RecordSet {
  const A = organization;
  const userId = `u-${tag}`;
  return {
    customer: makeTestOrganization({ id: `org-customer-${tag}`, partnerId: A }),
    user: makeTestUser({
      id: userId,
      organizationId: A,
      username: tag.toUpperCase(),
      fullName: `Person ${tag}`,
      email: `${tag}@example.com`,
      source: { type: "directory", source: "directory", externalId: `ext-${tag}` },
    }),
    group: makeTestGroup({ id: `g-${tag}`, organizationId: A, memberIds: [userId] }),
    assignment: makeTestRoleAssignment({ id: `ra-${tag}`, organizationId: A, principal: { type: "user", id: userId }, role: "editor" }),
    invitation: makeTestInvitation({ id: `inv-${tag}`, organizationId: A, userId }),
    token: makeTestToken({ id: `t-${tag}`, organizationId: A, userId }),
    credential: makeTestCredential({ organizationId: A, userId }),
    event: makeTestAuditEvent({ id: `ev-${tag}`, organizationId: A, target: { entity: "user", id: userId } }),
    mail: makeTestMail({ id: `m-${tag}`, organizationId: A }),
  };
}
