// Public entry point of `tenure/testing`: tools for adapter authors and for the host's own tests.
// Nothing here imports a test runner; pass yours in.

export { describeStoreConformance } from "./store-conformance/describe-store-conformance.js";
export type {
  StoreConformanceOptions,
  ConformanceTestApi,
  ConformanceHook,
  ConformanceStore,
  ConformanceTransaction,
} from "./store-conformance/conformance-options.js";

// Fixture builders: valid records of every entity, deterministic ids and dates, any field overridable.
export { testInstant } from "./store-conformance/_internal/fixtures/test-instant.js";
export type { TestOverrides, WithPlainIds } from "./store-conformance/_internal/fixtures/test-overrides.js";
export { makeTestOrganization } from "./store-conformance/_internal/fixtures/organization.js";
export { makeTestUser } from "./store-conformance/_internal/fixtures/user.js";
export { makeTestGroup } from "./store-conformance/_internal/fixtures/group.js";
export { makeTestRoleAssignment } from "./store-conformance/_internal/fixtures/role-assignment.js";
export { makeTestInvitation } from "./store-conformance/_internal/fixtures/invitation.js";
export { makeTestToken, testTokenHash } from "./store-conformance/_internal/fixtures/token.js";
export { makeTestCredential } from "./store-conformance/_internal/fixtures/credential.js";
export { makeTestAuditEvent } from "./store-conformance/_internal/fixtures/audit-event.js";
export { makeTestProvisioningRun, makeTestProvisioningOutcome } from "./store-conformance/_internal/fixtures/provisioning-run.js";
export { makeTestMail, makeTestMailWithLink, TEST_MAIL_LINK, TEST_MAIL_SECRET } from "./store-conformance/_internal/fixtures/outbox-mail.js";

// The permission-model kit: arbitraries for catalogs and worlds, a naive reference resolver, and the laws.
export * from "./access/index.js";
