import { registerAccessExpiryTests } from "./access-expiry.js";
import { registerAssignmentTests } from "./assignments.js";
import { registerAuditLogTests } from "./audit-log.js";
import { registerConcurrencyTests } from "./concurrency.js";
import type { StoreConformanceOptions } from "./conformance-options.js";
import { registerCredentialTests } from "./credentials.js";
import { registerGroupTests } from "./groups.js";
import { registerInvitationTests } from "./invitations.js";
import { registerOrganizationTests } from "./organizations.js";
import { registerOutboxTests } from "./outbox.js";
import { registerProvisioningRunTests } from "./provisioning-runs.js";
import { registerTenantIsolationTests } from "./tenant-isolation.js";
import { registerThirdPartyListTests } from "./third-party-list.js";
import { registerTokenTests } from "./tokens.js";
import { registerTransactionTests } from "./transactions.js";
import { registerUserCrudTests } from "./users-crud.js";
import { registerUserEmailClaimTests } from "./users-email-claims.js";
import { registerUserListOrderTests } from "./users-list-order.js";
import { registerUserListPropertyTests } from "./users-list-property.js";
import { registerUserListTests } from "./users-list.js";
import { registerUserSourceRecordTests } from "./users-source-records.js";
import { createSuiteContext } from "./_internal/suite-context.js";

/**
 * Registers the storage-adapter conformance suite: every duty the `TenureStore` port and its
 * repositories document, checked against a fresh store per test. Run it on your adapter and every
 * `tenure` feature behaves on it as on the built-in stores.
 *
 * It covers every repository method; versions and `conflict`s; uniqueness (usernames by sort key, claimed
 * e-mail addresses, provisioned users' source records, one credential per user, one grant per principal, role and scope); tenant isolation; `users.list` filters,
 * visibility, sort orders, keyset pagination and totals (with a fast-check property); the third-party list; the audit query; the
 * outbox lease; provisioning runs (versions, newest-first paging by source) and their outcomes (a taken sequence refused whole, paging by sequence and status); the expiry sweep's reads (`users.listAccessExpiring`, `organizations.list`); single-use tokens; copies on read; and the unit of work (read-your-writes, rollback on
 * `Err` and on throw, snapshot reads, one winner among interleaved transactions).
 *
 * The suite does not import a test runner: pass yours in `test`. It asserts with `node:assert/strict`
 * and needs `fast-check` (an optional peer dependency of `tenure`) installed.
 *
 * @example
 * ```ts
 * // test/my-adapter.conformance.test.ts
 * import { describe, it } from "vitest";
 * import { describeStoreConformance } from "tenure/testing";
 * import { createMyStore } from "../src/my-store.js";
 *
 * const makeStore = () => createMyStore({ connection: process.env.DATABASE_URL });
 * describeStoreConformance({ name: "my adapter", makeStore, test: { describe, it } });
 * ```
 */
export function describeStoreConformance(options: StoreConformanceOptions): void {
  options.test.describe(`tenure store conformance: ${options.name}`, () => {
    const context = createSuiteContext(options);
    registerOrganizationTests(context);
    registerUserCrudTests(context);
    registerUserEmailClaimTests(context);
    registerUserSourceRecordTests(context);
    registerUserListTests(context);
    registerUserListOrderTests(context);
    registerUserListPropertyTests(context);
    registerAccessExpiryTests(context);
    registerThirdPartyListTests(context);
    registerGroupTests(context);
    registerAssignmentTests(context);
    registerInvitationTests(context);
    registerTokenTests(context);
    registerCredentialTests(context);
    registerAuditLogTests(context);
    registerOutboxTests(context);
    registerProvisioningRunTests(context);
    registerTransactionTests(context);
    registerConcurrencyTests(context);
    registerTenantIsolationTests(context);
  });
}
