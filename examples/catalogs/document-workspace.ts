/**
 * The document workspace (manual 003), configured with a catalog and settings only.
 *
 * - "Administrators can manage the entire account. They are the only users with access to the settings
 *   options. You can also create and manage groups. They also have the same authorisations as internal
 *   users": `administrator` includes `internal_user` and adds settings, user and group management.
 * - Internal users "can join public collections and share documents, collections and folders with all
 *   users. They can create their own collections and save documents. They can version, index and
 *   comment on documents."
 * - External users "can create their own collections and save documents ... can version, index and
 *   comment on documents" (no public collections, no sharing with all users).
 * - Guests "cannot upload documents ... can only access folders and documents that have been shared
 *   with them". Every role may open what was shared with it (`shared_items.access`): that is how shares
 *   to users and groups work for everyone.
 * - "Activate workflow access" on the invitation screen grants `workflow_user`, a role of its own that
 *   any user may hold besides the role of their audience.
 * - Who sees whom is not a permission but the user's `audience` (`internal` / `external` / `guest`):
 *   `userVisibilityFor`, `canSee` and `visibleGroups`, with administrators (holders of
 *   `users.manage`) seeing everything. {@link audienceRoles} pairs each audience with its role.
 * - Groups carry authorisations: a role held by a group is held by each member, and leaving the group
 *   takes it away at once.
 *
 * Where tenure does it the safe way: the invitation carries the exact role and workflow access chosen
 * on the invitation screen, and the user sets a password through a single-use link.
 */
import { defineCatalog, settingsSchema, type Audience, type PermissionOf, type RoleOf, type Settings } from "tenure";
import { unwrapCatalog } from "./_internal/unwrap-catalog.js";

const define = () =>
  unwrapCatalog(
    "document workspace",
    defineCatalog({
      scopes: {
        platform: { description: "The hosting installation." },
        organization: { parent: "platform", description: "An account (client) of the workspace." },
      },
      permissions: {
        // Administrators
        "settings.access": { description: "The settings options; administrators only." },
        "users.manage": { description: "Add, edit, block and remove users; assign roles, workflow access and 2FA." },
        "groups.manage": { description: "Create, edit and delete groups and their members." },
        // Internal users
        "public_collections.join": {},
        "sharing.with_all_users": { description: "Share documents, collections and folders with all users." },
        // Internal and external users
        "collections.create": { description: "Create their own collections." },
        "documents.save": { description: "Save (upload) documents." },
        "documents.version": {},
        "documents.index": {},
        "documents.comment": {},
        // Everybody, guests only this
        "shared_items.access": { description: "Access folders and documents shared with them." },
        // Workflow access
        "workflow.access": {},
      },
      roles: {
        administrator: {
          includes: ["internal_user"],
          permissions: ["settings.access", "users.manage", "groups.manage"],
          scopes: ["organization"],
        },
        internal_user: {
          permissions: [
            "public_collections.join",
            "sharing.with_all_users",
            "collections.create",
            "documents.save",
            "documents.version",
            "documents.index",
            "documents.comment",
            "shared_items.access",
          ],
          scopes: ["organization"],
        },
        external_user: {
          permissions: [
            "collections.create",
            "documents.save",
            "documents.version",
            "documents.index",
            "documents.comment",
            "shared_items.access",
          ],
          scopes: ["organization"],
        },
        guest: { permissions: ["shared_items.access"], scopes: ["organization"] },
        workflow_user: { permissions: ["workflow.access"], scopes: ["organization"], description: '"Activate workflow access".' },
      },
      administration: { manageUsers: "users.manage", superAdmin: "settings.access" },
    }),
  );

/** The document workspace's catalog type. */
export type DocumentWorkspaceCatalog = ReturnType<typeof define>;
/** A permission of the document workspace. */
export type DocumentWorkspacePermission = PermissionOf<DocumentWorkspaceCatalog>;
/** A role of the document workspace. */
export type DocumentWorkspaceRole = RoleOf<DocumentWorkspaceCatalog>;

/** The document workspace's catalog. */
export const catalog: DocumentWorkspaceCatalog = define();

/** The role that goes with each audience (administrators are `internal` and hold `administrator`). */
export const audienceRoles = {
  internal: "internal_user",
  external: "external_user",
  guest: "guest",
} as const satisfies Record<Audience, DocumentWorkspaceRole>;

/**
 * Settings: users join by invitation only (no self sign-up to verify), an e-mail address is one
 * account, and 2FA is switched on per user by an administrator (`User.twoFactorRequired`).
 */
export const settings: Settings = settingsSchema.parse({ forceVerify: false, emailUniqueness: "enforce" });
