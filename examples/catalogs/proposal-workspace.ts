/**
 * The proposal workspace with zones (manual 004), configured with a catalog and settings only.
 *
 * - Roles: System Admin, Zone Super Admin, Admin, and zone access ("Grant Access to User"), held in a
 *   `zone` scope below the `organization` (the workspace). The manual's order of power is written as
 *   `includes`: the System Admin has all a Zone Super Admin has, who has all an Admin has.
 * - "Unless configured otherwise by the System Admin in the Zone Admin panel, any admin can add/edit
 *   user data. Otherwise only the Zone Super Admin and System Admin can do so": the setting
 *   `userDataEditors` (`any_admin` | `super_admins`), checked by `mayEditUserData`; the super admins'
 *   permission is `administration.super`.
 * - "Any admin can perform the update function, unless the configuration table entry
 *   'AdminsCanUpateFromLDAP' is set to NO. Then only the System Admin and Zone Super Admin can do so":
 *   the setting `directoryUpdaters`, checked by `mayRunDirectoryUpdate`. See
 *   {@link proposalWorkspaceSettings}.
 * - Only the System Admin edits the welcome messages (regular and third party), removes a user from
 *   all zones, and is told when a third-party user's access expires.
 * - Any admin grants zone access, sends welcome messages, imports users from a spreadsheet and manages
 *   third-party users. Because nobody grants what they do not hold (no escalation), the admins who
 *   grant zone access hold it: `admin` includes `zone_access`, so an admin of the workspace has access
 *   to each of its zones.
 * - Third-party users: access ends on `User.accessExpiresAt`, at most `thirdParty.maxAccessDays` (90
 *   unless configured) after it is set; without a date the user holds nothing ("imported as
 *   de-activated"). De-activated users keep their assignments and group memberships for re-activation.
 *
 * Where tenure does it the safe way: the manual's welcome e-mail "will be followed by another e-mail
 * with the user's password"; tenure never mails a password, the welcome mail carries a single-use link
 * to set one.
 */
import { defineCatalog, settingsSchema, type AdminCircle, type PermissionOf, type RoleOf, type Settings } from "tenure";
import { unwrapCatalog } from "./_internal/unwrap-catalog.js";

const define = () =>
  unwrapCatalog(
    "proposal workspace",
    defineCatalog({
      scopes: {
        platform: { description: "The hosting installation." },
        organization: { parent: "platform", description: "A workspace (VPC installation)." },
        zone: { parent: "organization", description: "A zone of the workspace." },
      },
      permissions: {
        // System Admin
        "settings.configure": { description: "The Zone Admin panel configuration (who edits user data, AdminsCanUpdateFromLDAP, third-party period)." },
        "welcome_messages.edit": { description: "Create and edit the regular and the third-party welcome message." },
        "users.remove_from_all_zones": {},
        "third_party.expiry_notices": { description: "Receives the e-mail when a third-party user's date passes." },
        // Zone Super Admin
        "administration.super": { description: "The actions the configuration can restrict to the Zone Super Admin and System Admin." },
        // Admin
        "users.manage": { description: "Add, edit and remove users (any admin unless configured otherwise)." },
        "zones.grant_access": {},
        "welcome.send": { description: "Send Welcome: resend the welcome message to a user." },
        "users.import": { description: "Import users from a spreadsheet." },
        "third_party.manage": { description: "Set and move third-party expiry dates (Third Party Management)." },
        // Zone access
        "zone.access": {},
      },
      roles: {
        system_admin: {
          includes: ["zone_super_admin"],
          permissions: ["settings.configure", "welcome_messages.edit", "users.remove_from_all_zones", "third_party.expiry_notices"],
          scopes: ["organization"],
        },
        zone_super_admin: { includes: ["admin"], permissions: ["administration.super"], scopes: ["organization"] },
        admin: {
          includes: ["zone_access"],
          permissions: ["users.manage", "zones.grant_access", "welcome.send", "users.import", "third_party.manage"],
          scopes: ["organization"],
        },
        zone_access: { permissions: ["zone.access"], scopes: ["zone"], access: true, description: '"Grant Access to User" in a zone.' },
      },
      administration: { manageUsers: "users.manage", superAdmin: "administration.super" },
    }),
  );

/** The proposal workspace's catalog type. */
export type ProposalWorkspaceCatalog = ReturnType<typeof define>;
/** A permission of the proposal workspace. */
export type ProposalWorkspacePermission = PermissionOf<ProposalWorkspaceCatalog>;
/** A role of the proposal workspace. */
export type ProposalWorkspaceRole = RoleOf<ProposalWorkspaceCatalog>;

/** The proposal workspace's catalog. */
export const catalog: ProposalWorkspaceCatalog = define();

/** The Zone Admin panel's configuration, in the manual's terms. */
export interface ProposalWorkspaceOptions {
  /** Who may add and edit user data. Default `any_admin` ("unless configured otherwise"). */
  readonly userDataEditors?: AdminCircle;
  /** The configuration table entry `AdminsCanUpdateFromLDAP`. Default `true` (YES). */
  readonly adminsCanUpdateFromLdap?: boolean;
  /** Whether third-party user management is configured. Default `true`. */
  readonly thirdPartyManagement?: boolean;
  /** The maximum third-party access period in calendar days. Default 90. */
  readonly thirdPartyMaxDays?: number;
}

/**
 * The settings of a proposal workspace: `AdminsCanUpdateFromLDAP` = NO becomes
 * `directoryUpdaters: "super_admins"`; duplicates and over-long values only warn.
 *
 * @example
 * ```ts
 * const strict = proposalWorkspaceSettings({ adminsCanUpdateFromLdap: false, userDataEditors: "super_admins" });
 * ```
 */
export function proposalWorkspaceSettings(options: ProposalWorkspaceOptions = {}): Settings {
  return settingsSchema.parse({
    forceVerify: false,
    userDataEditors: options.userDataEditors ?? "any_admin",
    directoryUpdaters: (options.adminsCanUpdateFromLdap ?? true) ? "any_admin" : "super_admins",
    emailUniqueness: "warn",
    thirdParty: { enabled: options.thirdPartyManagement ?? true, maxAccessDays: options.thirdPartyMaxDays ?? 90 },
  });
}

/** The default configuration: any admin edits user data and runs LDAP updates; third parties get 90 days. */
export const settings: Settings = proposalWorkspaceSettings();
