/**
 * The additive-manufacturing marketplace, configured with a catalog and settings only.
 *
 * Models manual 002 ("Roles & User Rights"): the platform roles (Server Admin / "Superuser", User
 * Panel Viewer, User Panel Buyer *(default)*, AMPI Expert, AMPI User *(default if set)*), the service
 * roles granted per fulfillment partner (ERP Viewer, ERP Manager, MES Operator, ERP/MES Configurator,
 * with "All from ERP Viewer" written as `includes`), and the organization roles (Organization Admin,
 * Catalog Admin). Each permission is one line of the manual's function lists. Manual 000 ("Inviting
 * external suppliers") brings the setting "Force Verify User" (`forceVerify`).
 *
 * Scopes: `platform` (Admin panel), `organization` (the site; the User Panel, AMPI and Organization
 * panel roles are held there), and `service` below it: one scope per fulfillment partner, so a role
 * granted in one partner's Service Panel does not apply in another's.
 *
 * Where tenure does it the safe way instead: manual 000 invites an external supplier, lets the
 * platform hand out the default User Panel and AMPI roles, and has an admin revoke them afterwards
 * (Case 2 admits "a small time window" in which the supplier holds them). With tenure an invitation
 * carries the exact roles to grant (`Invitation.roles`) and no default role is added on top, so the
 * supplier holds Service Panel rights only, from the first moment. Manual 000 also suggests setting an
 * initial password and passing it on over a "secure channel"; with tenure no password travels by mail:
 * the user sets it through a single-use, time-limited activation or reset link ("Send Activation",
 * "Forgot password?").
 */
import { defineCatalog, settingsSchema, type PermissionOf, type RoleOf, type Settings } from "tenure";
import { unwrapCatalog } from "./_internal/unwrap-catalog.js";

/** Choices the manual leaves to the host. */
export interface MarketplaceOptions {
  /** "AMPI User (default if set)": whether new members also get AMPI User. Default `false`. */
  readonly ampiUserByDefault?: boolean;
}

const define = (options: MarketplaceOptions) =>
  unwrapCatalog(
    "marketplace",
    defineCatalog({
      scopes: {
        platform: { description: "The whole installation (Admin panel)." },
        organization: { parent: "platform", description: "A site: User Panel, AMPI and Organization panel." },
        service: { parent: "organization", description: "A fulfillment partner (Service Panel)." },
      },
      permissions: {
        // Server Admin: technical administration of the platform.
        "admin_panel.administer": { description: "Technical administration in the Admin panel." },
        // User Panel Viewer
        "catalog.browse": {},
        "help.open": {},
        "quick_links.see": {},
        "profile.modify": {},
        // User Panel Buyer
        "basket.create": {},
        "requests.create": {},
        "quotes.create": {},
        "orders.order_from_basket": {},
        "orders.order_from_catalog": {},
        // AMPI Expert
        "ampi.submissions.handle": { description: "Handle user part submissions." },
        "ampi.reports.access": { description: "Part portfolio reports and detailed scores for each part." },
        "ampi.parts.assign": {},
        // AMPI User (also "Browse Catalog")
        "ampi.parts.create_and_submit": { description: "Create parts and submit them for review." },
        // ERP Viewer
        "erp.dashboard.see": {},
        "erp.requests.access": {},
        "erp.quotes.access": {},
        "erp.orders.access": {},
        "erp.requests.comment": { requires: ["erp.requests.access"] },
        "erp.quotes.comment": { requires: ["erp.quotes.access"] },
        "erp.orders.comment": { requires: ["erp.orders.access"] },
        "erp.requests.turn_into_quote": { requires: ["erp.requests.access", "erp.quotes.access"] },
        "erp.orders.change_status": { requires: ["erp.orders.access"] },
        // ERP Manager
        "erp.orders.create": { requires: ["erp.orders.access"] },
        "erp.orders.edit": { requires: ["erp.orders.access"] },
        "users.see_all_registered": {},
        // MES Operator
        "mes.jobs.access": {},
        "mes.parts.access": {},
        "mes.schedule.access": {},
        "mes.jobs.create_and_schedule": { requires: ["mes.jobs.access", "mes.schedule.access"] },
        "mes.parts.move_through_workflow": { requires: ["mes.parts.access"] },
        "mes.parts.comment": { requires: ["mes.parts.access"] },
        "mes.parts.assign_workflow": { requires: ["mes.parts.access"] },
        "mes.parts.assign_target_date": { requires: ["mes.parts.access"] },
        // ERP/MES Configurator
        "erp_mes.settings.change": {},
        // Organization Admin
        "organization.analytics": {},
        "organization.users.manage": { description: "User management in the Organization panel." },
        // Catalog Admin
        "catalog.parts.manage": { description: "Managing parts in the Catalog." },
        "catalog.parts.create": {},
        "catalog.parts.edit": {},
        "catalog.parts.remove": {},
        "catalog.parts.change_publication_status": {},
        "catalog.parts.set_fixed_prices": { description: "Defining and changing fixed prices of Catalog parts." },
      },
      roles: {
        // Platform roles
        server_admin: { superuser: true, scopes: ["platform"], description: 'Server Admin / "Superuser": the technical team.' },
        user_panel_viewer: {
          permissions: ["catalog.browse", "help.open", "quick_links.see", "profile.modify"],
          scopes: ["organization"],
        },
        user_panel_buyer: {
          includes: ["user_panel_viewer"],
          permissions: ["basket.create", "requests.create", "quotes.create", "orders.order_from_basket", "orders.order_from_catalog"],
          scopes: ["organization"],
          default: true,
        },
        ampi_expert: { permissions: ["ampi.submissions.handle", "ampi.reports.access", "ampi.parts.assign"], scopes: ["organization"] },
        ampi_user: {
          permissions: ["ampi.parts.create_and_submit", "catalog.browse"],
          scopes: ["organization"],
          default: options.ampiUserByDefault ?? false,
        },
        // Service roles, granted per fulfillment partner
        erp_viewer: {
          permissions: [
            "erp.dashboard.see",
            "erp.requests.access",
            "erp.quotes.access",
            "erp.orders.access",
            "erp.requests.comment",
            "erp.quotes.comment",
            "erp.orders.comment",
            "erp.requests.turn_into_quote",
            "erp.orders.change_status",
          ],
          scopes: ["service"],
        },
        erp_manager: {
          includes: ["erp_viewer"],
          permissions: ["erp.orders.create", "erp.orders.edit", "users.see_all_registered"],
          scopes: ["service"],
        },
        mes_operator: {
          permissions: [
            "mes.jobs.access",
            "mes.parts.access",
            "mes.schedule.access",
            "mes.jobs.create_and_schedule",
            "mes.parts.move_through_workflow",
            "mes.parts.comment",
            "mes.parts.assign_workflow",
            "mes.parts.assign_target_date",
          ],
          scopes: ["service"],
        },
        erp_mes_configurator: {
          includes: ["erp_viewer", "mes_operator", "erp_manager"],
          permissions: ["erp_mes.settings.change"],
          scopes: ["service"],
        },
        // Organization roles
        organization_admin: { permissions: ["organization.analytics", "organization.users.manage"], scopes: ["organization"] },
        catalog_admin: {
          permissions: [
            "catalog.parts.manage",
            "catalog.parts.create",
            "catalog.parts.edit",
            "catalog.parts.remove",
            "catalog.parts.change_publication_status",
            "catalog.parts.set_fixed_prices",
          ],
          scopes: ["organization"],
        },
      },
      administration: { manageUsers: "organization.users.manage", superAdmin: "admin_panel.administer" },
    }),
  );

/** The marketplace's catalog type. */
export type MarketplaceCatalog = ReturnType<typeof define>;
/** A permission of the marketplace. */
export type MarketplacePermission = PermissionOf<MarketplaceCatalog>;
/** A role of the marketplace. */
export type MarketplaceRole = RoleOf<MarketplaceCatalog>;

/**
 * The marketplace's catalog. The manual's "AMPI User (default if set)" is a host choice:
 *
 * @example
 * ```ts
 * const catalog = marketplaceCatalog({ ampiUserByDefault: true });
 * catalog.defaultRoles; // ["user_panel_buyer", "ampi_user"]
 * ```
 */
export function marketplaceCatalog(options: MarketplaceOptions = {}): MarketplaceCatalog {
  return define(options);
}

/** The catalog with AMPI User not given by default. */
export const catalog: MarketplaceCatalog = marketplaceCatalog();

/** Settings: "For the latter case [self sign-up], the Force Verify User setting should be enabled." */
export const settings: Settings = settingsSchema.parse({ forceVerify: true });
