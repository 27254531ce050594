import { describe, expect, it } from "vitest";
import {
  auditEventSchema,
  credentialSchema,
  DEFAULT_MODEL,
  groupSchema,
  invitationSchema,
  outboxMailSchema,
  provisioningRecordOutcomeSchema,
  provisioningRunSchema,
  roleAssignmentSchema,
  tokenSchema,
} from "tenure";
import {
  makeTestAuditEvent,
  makeTestCredential,
  makeTestGroup,
  makeTestInvitation,
  makeTestMail,
  makeTestOrganization,
  makeTestProvisioningOutcome,
  makeTestProvisioningRun,
  makeTestRoleAssignment,
  makeTestToken,
  makeTestUser,
  testInstant,
  testTokenHash,
} from "tenure/testing";

describe("tenure/testing fixture builders", () => {
  it("build records that their schemas accept", () => {
    expect(DEFAULT_MODEL.organizationSchema.parse(makeTestOrganization())).toEqual(makeTestOrganization());
    expect(DEFAULT_MODEL.userSchema.parse(makeTestUser())).toEqual(makeTestUser());
    expect(groupSchema.parse(makeTestGroup())).toEqual(makeTestGroup());
    expect(roleAssignmentSchema.parse(makeTestRoleAssignment())).toEqual(makeTestRoleAssignment());
    expect(invitationSchema.parse(makeTestInvitation())).toEqual(makeTestInvitation());
    expect(tokenSchema.parse(makeTestToken())).toEqual(makeTestToken());
    expect(credentialSchema.parse(makeTestCredential())).toEqual(makeTestCredential());
    expect(auditEventSchema.parse(makeTestAuditEvent())).toEqual(makeTestAuditEvent());
    expect(outboxMailSchema.parse(makeTestMail())).toEqual(makeTestMail());
    expect(provisioningRunSchema.parse(makeTestProvisioningRun())).toEqual(makeTestProvisioningRun());
    expect(provisioningRecordOutcomeSchema.parse(makeTestProvisioningOutcome())).toEqual(makeTestProvisioningOutcome());
  });

  it("are deterministic, take plain-string ids and return a new object on every call", () => {
    const user = makeTestUser({ id: "u-anna", organizationId: "org-b", fullName: "Anna Berg" });
    expect(user).toMatchObject({ id: "u-anna", organizationId: "org-b", username: "u-anna", fullName: "Anna Berg" });
    expect(makeTestUser({ id: "u-anna" })).not.toBe(makeTestUser({ id: "u-anna" }));
    expect(makeTestUser().createdAt).not.toBe(makeTestUser().createdAt);
    expect(testInstant(90).toISOString()).toBe("2030-01-01T01:30:00.000Z");
    expect(makeTestToken({ id: "t-1" }).hash).toBe(testTokenHash("t-1"));
    expect(makeTestRoleAssignment({ organizationId: "org-b" }).scope).toEqual({ kind: "organization", id: "org-b" });
  });
});
