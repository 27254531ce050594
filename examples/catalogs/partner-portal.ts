/**
 * The partner/customer data portal (manual 001), configured with a catalog and settings only.
 *
 * - "The available permissions depend on the permissions assigned at the company level": company-level
 *   permissions are the organization's `entitlements`; a user's effective permissions in a company
 *   never exceed them, and granting a role beyond them is refused naming the missing one. See
 *   {@link companyLevelPermissions}.
 * - "It is also possible for a user-level permission to require another user-level permission": the
 *   manual names no pair, so this catalog uses one from its own list: administering ODX environments
 *   requires managing instances (`environments.administer` requires `instances.manage`).
 * - Company admin: "all-powerful in their own company" (edit company info, add/edit/delete users,
 *   assign permissions, send invitations, reset passwords, change the contact person). "They can't
 *   remove the company admin permission from themselves" and every company keeps at least one admin:
 *   the guards `checkRevoke` and `checkLastAdmin`.
 * - Customer manager: "acts as an admin in all customers' companies, but cannot make any changes in his
 *   own company": a role that includes company admin, delegated to `customers`. Granted in a partner, it
 *   applies in each company whose `partnerId` is that partner, capped by that customer's entitlements,
 *   and nowhere else. "This permission is only available for partners": `organizationKinds:
 *   ["partner"]`, so every grant path refuses it in a company of another kind (`role_organization_kind`).
 * - "The first user added to a company will be the contact person for the company and have
 *   administrative rights": `administration.firstMemberRoles: ["company_admin"]`; the first member
 *   becomes the contact person too (`Organization.contactPersonId`).
 * - "A user-level permission may require another": granting environment admin to a user who does not
 *   manage instances is refused (`requirement_missing`); the resolver drops it too if the requirement
 *   is lost later.
 * - Data estate admin and Environment admin (v. 20 or older only; the latter is a company-level
 *   permission only such companies have).
 * - The contact person "does not come with any extra privileges": it is `Organization.contactPersonId`,
 *   not a role.
 * - `portal_operator` is not in the manual: the portal's own staff, who create companies and set their
 *   company-level permissions (a platform superuser).
 *
 * Where tenure does it the safe way: adding a user "with a sign-in invitation" sends a single-use,
 * time-limited link that only stores a hash; "Reset Password" by an admin sends a reset link too, and
 * no password is ever chosen by the admin or mailed.
 */
import { defineCatalog, settingsSchema, type PermissionOf, type RoleOf, type Settings } from "tenure";
import { unwrapCatalog } from "./_internal/unwrap-catalog.js";

const define = () =>
  unwrapCatalog(
    "partner portal",
    defineCatalog({
      scopes: {
        platform: { description: "The portal itself (the operator's staff)." },
        organization: { parent: "platform", description: "A company: a partner, or a customer of one." },
      },
      permissions: {
        // Company admin
        "company.info.edit": {},
        "company.users.manage": { description: "Add, edit and delete users of the company." },
        "company.users.assign_permissions": {},
        "company.users.send_invitation": { description: "Send a sign-in invitation, also later." },
        "company.users.reset_password": { description: "Trigger a password reset for a user." },
        "company.contact_person.change": { description: '"Make Contact Person" on the Users list.' },
        // Data estate admin
        "instances.manage": {},
        "data_sources.manage": { description: "Manage data source connections." },
        "instances.grant_access": { description: "Grant users access to instances (to open them in TimeXtender Desktop)." },
        // Environment admin (v. 20 or older only)
        "environments.administer": {
          requires: ["instances.manage"],
          description: "Add, edit, delete ODX environments and regenerate their secret.",
        },
        // The operator
        "portal.operate": { description: "Create companies and set their company-level permissions." },
      },
      roles: {
        company_admin: {
          permissions: [
            "company.info.edit",
            "company.users.manage",
            "company.users.assign_permissions",
            "company.users.send_invitation",
            "company.users.reset_password",
            "company.contact_person.change",
          ],
          scopes: ["organization"],
          description: "All-powerful in the own company (the crown icon).",
        },
        customer_manager: {
          includes: ["company_admin"],
          scopes: ["organization"],
          delegation: "customers",
          // "Customer manager: This permission is only available for partners."
          organizationKinds: ["partner"],
          description: "Acts as company admin in every customer company of the partner, and not in the partner itself.",
        },
        data_estate_admin: { permissions: ["instances.manage", "data_sources.manage", "instances.grant_access"], scopes: ["organization"] },
        environment_admin: { permissions: ["environments.administer"], scopes: ["organization"] },
        portal_operator: { superuser: true, scopes: ["platform"], description: "The portal's own staff (not in the manual)." },
      },
      administration: {
        manageUsers: "company.users.manage",
        superAdmin: "portal.operate",
        // "The first user added to a company will be the contact person for the company and have administrative rights."
        firstMemberRoles: ["company_admin"],
      },
    }),
  );

/** The partner portal's catalog type. */
export type PartnerPortalCatalog = ReturnType<typeof define>;
/** A permission of the partner portal. */
export type PartnerPortalPermission = PermissionOf<PartnerPortalCatalog>;
/** A role of the partner portal. */
export type PartnerPortalRole = RoleOf<PartnerPortalCatalog>;

/** The partner portal's catalog. */
export const catalog: PartnerPortalCatalog = define();

/**
 * The company-level permissions of a company (its `Organization.entitlements`): everything a company
 * admin and a data estate admin do, and ODX environment administration only for companies on
 * version 20 or older.
 *
 * @example
 * ```ts
 * const customer = { ...company, entitlements: companyLevelPermissions({ legacyEnvironments: false }) };
 * ```
 */
export function companyLevelPermissions(options: { readonly legacyEnvironments: boolean }): PartnerPortalPermission[] {
  return catalog.permissionNames.filter(
    (permission) => permission !== "portal.operate" && (options.legacyEnvironments || permission !== "environments.administer"),
  );
}

/**
 * Settings: users are added by admins (no self sign-up to verify), sign in with their e-mail address,
 * so one address is one account, and invitations stay valid for a week.
 */
export const settings: Settings = settingsSchema.parse({
  forceVerify: false,
  emailUniqueness: "enforce",
  tokens: { invitationMinutes: 7 * 24 * 60, passwordResetMinutes: 60 },
});
