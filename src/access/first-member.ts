import { ACCOUNT_STATUSES, type AccountStatus } from "../model/account-state.js";
import type { Organization } from "../model/organization.js";
import { organizationScope } from "../model/scope.js";
import type { Catalog } from "./catalog.js";
import { mayGrantInOrganization } from "./guards/grant-placement.js";

/**
 * The account statuses of the users who make an organization no longer empty: every status but
 * `removed` (a removed user's kept profile holds nothing and never comes back). Invited,
 * pending, blocked and de-activated users count: they are members, only not active now.
 */
export const MEMBER_STATUSES: readonly AccountStatus[] = ACCOUNT_STATUSES.filter((status) => status !== "removed");

/** What an admission is told about the organization's first member. */
export interface FirstMemberDecision<R extends string> {
  /** The organization had no member before this admission. */
  readonly first: boolean;
  /** The roles the first member receives besides the admission's own, each in the organization's scope (empty unless `first`). */
  readonly roles: readonly R[];
}

/**
 * The first-member rule (the partner portal: "The first user added to a company will be the contact
 * person for the company and have administrative rights"), for every path that admits a user
 * (invitation, sign-up, the provisioning sources): the first member of an organization — it had no
 * user of a {@link MEMBER_STATUSES} status before — receives the catalog's
 * `administration.firstMemberRoles`, except those whose `organizationKinds` exclude this
 * organization. The caller counts the members in the same unit of work and writes the organization
 * record when `first`, so two concurrent first admissions cannot both be first (one is a `conflict`).
 *
 * @example
 * ```ts
 * const decision = decideFirstMember(catalog, { organization, membersBefore: 0 });
 * // { first: true, roles: ["company_admin"] }
 * ```
 */
export function decideFirstMember<R extends string>(
  catalog: Catalog<string, R, string>,
  input: { readonly organization: Pick<Organization, "id" | "kind" | "partnerId">; readonly membersBefore: number },
): FirstMemberDecision<R> {
  if (input.membersBefore > 0) return { first: false, roles: [] };
  const scope = organizationScope(input.organization.id);
  return { first: true, roles: catalog.firstMemberRoles.filter((role) => mayGrantInOrganization(catalog, role, input.organization, scope)) };
}
