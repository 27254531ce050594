import type { ResultAsync } from "neverthrow";
import type { Catalog } from "../access/catalog.js";
import type { Organization } from "../model/organization.js";
import type { TenureError } from "../model/tenure-error.js";
import type { Actor } from "./actor.js";
import { createOrganization, type CreateOrganizationInput } from "./commands/organizations/create-organization.js";
import { updateUser, type UpdatedUser, type UpdateUserInput } from "./commands/users/update-user.js";
import { updateMailTemplates, type UpdateMailTemplatesInput } from "./commands/organizations/update-mail-templates.js";
import { renameOrganization, type RenameOrganizationInput } from "./commands/organizations/rename-organization.js";
import { linkCustomer, type LinkCustomerInput } from "./commands/organizations/link-customer.js";
import { unlinkCustomer, type UnlinkCustomerInput } from "./commands/organizations/unlink-customer.js";
import { updateOrganizationSettings, type UpdateOrganizationSettingsInput } from "./commands/organizations/update-organization-settings.js";
import { setEntitlements, type SetEntitlementsInput } from "./commands/organizations/set-entitlements.js";
import { accessQueries, type AccessQueries } from "./queries/access-queries.js";
import { listUsers, type ListUsersInput } from "./queries/list-users.js";
import { getUser, type GetUserInput } from "./queries/get-user.js";
import { getOrganization, listCustomers, type GetOrganizationInput, type ListCustomersInput } from "./queries/read-organizations.js";
import type { User } from "../model/user.js";
import { accountCommands, type AccountCommands } from "./commands/accounts/index.js";
import { groupCommands, type GroupCommands } from "./commands/groups/index.js";
import { credentialCommands, type CredentialCommands } from "./commands/credentials/index.js";
import { onboardingCommands, type OnboardingCommands } from "./commands/onboarding/index.js";
import { thirdPartyCommands, type ThirdPartyCommands } from "./commands/third-party/index.js";
import { expireDue, type ExpireDueOptions, type ExpirySweepReport } from "./jobs/expire-due.js";
import { roleCommands, type RoleCommands } from "./commands/roles/index.js";
import { provisioningCommands, type ProvisioningCommands } from "./commands/provisioning/index.js";
import { directoryCommands, type DirectoryCommands } from "./commands/directory/index.js";
import { queryAudit, type QueryAuditInput } from "./queries/audit-query.js";
import type { AuditEvent } from "../model/audit-event.js";
import type { Page } from "../model/page.js";
import { createServiceContext } from "./_internal/service-context.js";
import type { TenureDefaults, TenureOptions } from "./tenure-options.js";
import { deliverOutbox, type OutboxJobOptions } from "./jobs/deliver-outbox.js";
import type { DeliveryReport } from "../mail/delivery-report.js";

/**
 * The application service: one command per admin action, each taking the acting user, authorized by the
 * guards, atomic, optimistic (a stale version is a `conflict`), writing exactly one audit event, and
 * queueing its mails in the outbox in the same unit of work; plus the permission queries.
 */
export interface Tenure<P extends string, R extends string, S extends string, UA extends object, OA extends object> {
  readonly catalog: Catalog<P, R, S>;
  readonly organizations: {
    /** Creates an organization (super admins, the system, or the admins of its partner). */
    create(actor: Actor, input: CreateOrganizationInput): ResultAsync<Organization<OA>, TenureError>;
    /** Sets or resets the organization's mail templates (super admins only). */
    updateMailTemplates(actor: Actor, input: UpdateMailTemplatesInput): ResultAsync<Organization<OA>, TenureError>;
    /** Renames an organization (its administrators, a partner's customer manager for its customers, super admins). */
    rename(actor: Actor, input: RenameOrganizationInput): ResultAsync<Organization<OA>, TenureError>;
    /** Makes an organization a customer of a partner, or moves it to another (super admins; partner kind, no self link, no cycle, within the partner's entitlements). */
    linkCustomer(actor: Actor, input: LinkCustomerInput): ResultAsync<Organization<OA>, TenureError>;
    /** Ends an organization's customer link: its partner's customer managers no longer administer it (super admins). */
    unlinkCustomer(actor: Actor, input: UnlinkCustomerInput): ResultAsync<Organization<OA>, TenureError>;
    /** Changes the organization's configurable settings, `null` resetting one; audited with exactly the changed ones (super admins). */
    updateSettings(actor: Actor, input: UpdateOrganizationSettingsInput): ResultAsync<Organization<OA>, TenureError>;
    /** Sets the company-level permissions that cap its members' (super admins; a partner's admins for its customers, within the partner's). */
    setEntitlements(actor: Actor, input: SetEntitlementsInput): ResultAsync<Organization<OA>, TenureError>;
    /** Reads an organization with its version (members, its administrators, super admins). */
    get(actor: Actor, input: GetOrganizationInput): ResultAsync<Organization<OA>, TenureError>;
    /** A partner's customer companies, by name (the partner's administrators, super admins). */
    listCustomers(actor: Actor, input: ListCustomersInput): ResultAsync<readonly Organization<OA>[], TenureError>;
  };
  readonly users: {
    /** Edits a user's data under the user-data rules. */
    update(actor: Actor, input: UpdateUserInput): ResultAsync<UpdatedUser<UA>, TenureError>;
    /** Lists users as the actor may see them: admins see everyone, de-activated included; others see less. */
    list(actor: Actor, input: ListUsersInput): ResultAsync<Page<User<UA>>, TenureError>;
    /** Reads one user with its version, if the actor may see them (`not_found` otherwise). */
    get(actor: Actor, input: GetUserInput): ResultAsync<User<UA>, TenureError>;
  };
  /** Account states: block, de-activate, remove with data transfer, contact person, 2FA, workflow access. */
  readonly accounts: AccountCommands<UA, OA>;
  /** Onboarding: invitations with exact roles, sending later, resending, accepting; sign-up with Force Verify; activation. */
  readonly onboarding: OnboardingCommands<UA, R>;
  /** Third-party access windows (make, move, clear, extend several) and welcome messages. */
  readonly thirdParty: ThirdPartyCommands<UA>;
  /** Passwords and sign-in: forgot, admin-triggered reset, reset with a link, initial password, change, `signIn` with lockout. */
  readonly credentials: CredentialCommands;
  /** Roles: grant and revoke (no escalation, within entitlements), grant to a filtered list, remove from all zones. */
  readonly roles: RoleCommands<R>;
  /** Groups: create, rename, recolour, delete, add and remove members. */
  readonly groups: GroupCommands;
  /**
   * Provisioning from the sources configured in `TenureOptions.sources` (a directory, a spreadsheet,
   * an identity provider): plan (the preview), apply in batches as a recorded run, and the runs on record.
   */
  readonly provisioning: ProvisioningCommands;
  /** The organization's directory (LDAP, see `TenureOptions.directories`): Partial and Full Update, with a dry run. */
  readonly directory: DirectoryCommands;
  readonly audit: {
    /** The audit trail of an organization, filtered, newest first, paginated (admins and super admins). */
    query(actor: Actor, input: QueryAuditInput): ResultAsync<Page<AuditEvent>, TenureError>;
  };
  /** Permission questions about stored users, answered from the cache when it can. */
  readonly access: AccessQueries<P, R>;
  /** Work the system does on its own, from a scheduled job. */
  readonly jobs: {
    /** De-activates third-party users past their date, mails the digest and the reminders; idempotent and safe to run from two processes. */
    expireDue(options?: ExpireDueOptions): Promise<ExpirySweepReport>;
    /**
     * Delivers due mails from the outbox once, through `mailer`, with the service's store and clock
     * (see `deliverOutbox`): claimed under a lease, sent outside any transaction, each outcome recorded.
     */
    deliverOutbox(options: OutboxJobOptions): Promise<DeliveryReport>;
  };
}

/**
 * Creates the `tenure` service over a catalog, a store and the host's ports, the ports left out taken
 * from `defaults`. The package's `createTenure` is this with `NODE_DEFAULTS` (system clock, nanoid ids,
 * scrypt, random secrets); call it directly to run without them.
 *
 * @example
 * ```ts
 * const tenure = createTenureWith(
 *   { catalog, store: createMemoryStore(), links: ({ purpose, secret }) => `https://app.example/${purpose}?token=${secret}` },
 *   { ...NODE_DEFAULTS, hasher: () => myHasher },
 * );
 * ```
 */
export function createTenureWith<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  options: TenureOptions<P, R, S, UA, OA, Native>,
  defaults: TenureDefaults,
): Tenure<P, R, S, UA, OA> {
  const context = createServiceContext(options, defaults);
  return {
    catalog: options.catalog,
    organizations: {
      create: (actor, input) => createOrganization(context, actor, input),
      updateMailTemplates: (actor, input) => updateMailTemplates(context, actor, input),
      rename: (actor, input) => renameOrganization(context, actor, input),
      linkCustomer: (actor, input) => linkCustomer(context, actor, input),
      unlinkCustomer: (actor, input) => unlinkCustomer(context, actor, input),
      updateSettings: (actor, input) => updateOrganizationSettings(context, actor, input),
      setEntitlements: (actor, input) => setEntitlements(context, actor, input),
      get: (actor, input) => getOrganization(context, actor, input),
      listCustomers: (actor, input) => listCustomers(context, actor, input),
    },
    users: {
      update: (actor, input) => updateUser(context, actor, input),
      list: (actor, input) => listUsers(context, actor, input),
      get: (actor, input) => getUser(context, actor, input),
    },
    accounts: accountCommands(context),
    onboarding: onboardingCommands(context),
    thirdParty: thirdPartyCommands(context),
    credentials: credentialCommands(context),
    roles: roleCommands(context),
    groups: groupCommands(context),
    provisioning: provisioningCommands(context),
    directory: directoryCommands(context),
    audit: { query: (actor, input) => queryAudit(context, actor, input) },
    access: accessQueries(context),
    jobs: {
      expireDue: (options) => expireDue(context, options),
      deliverOutbox: (options) => deliverOutbox({ ...options, store: context.store, clock: context.clock }),
    },
  };
}
