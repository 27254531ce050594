import { err, ok, type Result } from "neverthrow";
import { accountStanding } from "../../access/account-standing.js";
import { PLATFORM_TARGET, type TargetOrganization } from "../../access/access-target.js";
import type { EffectivePermissions } from "../../access/effective-permissions.js";
import { checkNotOwnAccount, checkStanding, checkTargetAccount, standingIn, standsAtLeast, type Standing, type StandingFacts, type StandingNeed } from "../../access/guards/standing.js";
import type { OrganizationId, UserId } from "../../model/ids.js";
import type { Organization } from "../../model/organization.js";
import { settingsFor, type Settings } from "../../model/settings.js";
import { TenureErrors, type ForbiddenError, type TenureError } from "../../model/tenure-error.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import type { Actor } from "../actor.js";
import { loadActingParty, permissionsOf, type ActingParty } from "./acting-party.js";
import { loadSubject, targetIn } from "./load-access.js";
import { accessOrganizationOf } from "./organization-chain.js";
import type { ServiceContext } from "./service-context.js";

/** What a command or query declares about who may run it, read by the gate before anything else. */
export interface GateRule {
  /**
   * The standing the actor needs in the organization; or `system` for the service's own channels (sign-up,
   * links, "forgot password"), which run under a system actor; or `link_holder` for a command a user runs
   * on their own account (`self`) with a single-use link that the command itself checks, whatever the
   * account's state; or `partner_administrator`: super admins, and whoever manages users in the
   * organization's partner itself (not by delegation: a partner's customer manager is an administrator
   * of the customer, not of the partner), e.g. a partner setting its customer's company-level permissions.
   */
  readonly needs: StandingNeed | "system" | "link_holder" | "partner_administrator";
  /** A user who may run it on their own account with member standing (editing one's own profile). */
  readonly self?: UserId | null;
  /**
   * The users the input names: each must be a user of the organization (`not_found` otherwise, whatever
   * organization the id belongs to), and a super admin's account among them needs a super admin.
   */
  readonly targets?: readonly UserId[];
  /**
   * Set when the command may not be run on one's own account (blocking, de-activating, removing,
   * changing one's own third-party window): the users it would be run on, and the verb that names it
   * in the `own_account` refusal.
   */
  readonly notOnOwnAccount?: { readonly verb: string; readonly userIds: readonly UserId[] };
}

/** What passing the gate established, for the work that follows in the same unit of work. */
export interface GatePass<UA extends object, OA extends object> {
  readonly actor: ActingParty<UA>;
  readonly organization: Organization<OA>;
  /** The organization as permission questions see it: entitlements capped along its partner chain. */
  readonly accessOrganization: TargetOrganization;
  /** The installation's settings overridden by the organization's. */
  readonly settings: Settings;
  readonly standing: Standing;
  /** Refuses (`super_admin_target`) when one of these users is a super admin and the actor is not. */
  checkTargets(userIds: Iterable<UserId>): Promise<Result<void, ForbiddenError>>;
}

type GateContext<P extends string, UA extends object, OA extends object, Native> = Pick<
  ServiceContext<P, string, string, UA, OA, Native>,
  "catalog" | "access" | "everything" | "settings"
>;

/**
 * The one authorization gate every command and query passes: loads the actor and the organization,
 * establishes the actor's {@link Standing} there (nobody, member, administrator directly or by
 * delegation, super admin, system), checks it against the rule, and protects super admins' accounts
 * named by the input. Nothing else of the organization is read before it has passed.
 */
export async function passGate<P extends string, UA extends object, OA extends object, Native>(
  context: GateContext<P, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  request: { readonly actor: Actor; readonly organizationId: OrganizationId; readonly now: Date; readonly rule: GateRule },
): Promise<Result<GatePass<UA, OA>, TenureError>> {
  const { now, rule } = request;
  const actor = await loadActingParty(tx, request.actor);
  if (actor.isErr()) return err(actor.error);
  const organization = await tx.organizations.get(request.organizationId);
  if (organization === null) return err(TenureErrors.notFound("organization", request.organizationId));
  const settings = settingsFor(context.settings, organization.settings);
  const accessOrganization = await accessOrganizationOf(tx, organization);
  const party = actor.value;
  const atPlatform = permissionsOf(context, party, PLATFORM_TARGET, now);
  const standing = standingIn(context.catalog, organization.id, standingFacts(party, permissionsOf(context, party, targetIn(accessOrganization), now), atPlatform, now));
  const actorUserId = party.type === "user" && party.user.organizationId === organization.id ? party.user.id : null;
  const onOwnAccount = rule.self !== undefined && rule.self !== null && rule.self === actorUserId;
  const allowed =
    rule.needs === "system" || rule.needs === "link_holder"
      ? standing.level === "system" || (rule.needs === "link_holder" && onOwnAccount)
        ? ok(undefined)
        : err(TenureErrors.forbidden("system_only", "Only the service's own channels run this."))
      : rule.needs === "partner_administrator"
        ? await checkPartnerAdministrator(context, tx, party, standing, organization, now)
        : onOwnAccount && standing.level !== "none"
          ? ok(undefined)
          : checkStanding(context.catalog, settings, standing, rule.needs);
  if (allowed.isErr()) return err(allowed.error);
  const superAdmins = superAdminAccounts(context, tx, accessOrganization, now);
  const checkTargets = async (userIds: Iterable<UserId>): Promise<Result<void, ForbiddenError>> => {
    if (standing.level === "super_admin" || standing.level === "system") return ok(undefined);
    const protectedIds = await superAdmins();
    for (const userId of userIds) {
      const checked = checkTargetAccount(standing, { userId, isSuperAdmin: protectedIds.has(userId) }, actorUserId);
      if (checked.isErr()) return err(checked.error);
    }
    return ok(undefined);
  };
  const targetIds = [...new Set(rule.targets ?? [])];
  const inOrganization = new Set((await tx.users.getMany(organization.id, targetIds)).map((user) => user.id));
  const stranger = targetIds.find((userId) => !inOrganization.has(userId));
  if (stranger !== undefined) return err(TenureErrors.notFound("user", stranger));
  if (rule.notOnOwnAccount !== undefined) {
    const own = checkNotOwnAccount(rule.notOnOwnAccount.userIds, actorUserId, rule.notOnOwnAccount.verb);
    if (own.isErr()) return err(own.error);
  }
  const targets = await checkTargets(targetIds);
  if (targets.isErr()) return err(targets.error);
  return ok({ actor: party, organization, accessOrganization, settings, standing, checkTargets });
}

/**
 * The `partner_administrator` need: super admins and the system pass; so does an active user who
 * manages users in the organization's partner (their permissions at the partner itself, where a role
 * delegated to customers does not reach). Anyone else is refused `partner_admin`.
 */
async function checkPartnerAdministrator<P extends string, UA extends object, OA extends object, Native>(
  context: GateContext<P, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  party: ActingParty<UA>,
  standing: Standing,
  organization: Organization<OA>,
  now: Date,
): Promise<Result<void, ForbiddenError>> {
  if (standsAtLeast(standing, "super_admin")) return ok(undefined);
  const refusal = err(
    TenureErrors.forbidden("partner_admin", `Only super admins and the admins of the organization's partner ("${context.catalog.spec.administration.manageUsers}" there) may do this.`),
  );
  if (organization.partnerId === null || party.type !== "user" || !accountStanding(party.subject, now).active) return refusal;
  const partner = await tx.organizations.get(organization.partnerId);
  if (partner === null) return refusal;
  const atPartner = permissionsOf(context, party, targetIn(await accessOrganizationOf(tx, partner)), now);
  return atPartner.has(context.catalog.spec.administration.manageUsers) ? ok(undefined) : refusal;
}

/**
 * The users of the organization whose account is a super admin's: holding the super admins' permission
 * at the platform or in the organization, judged as if the account were active (a blocked super admin
 * is protected too). Read once per unit of work, from the assignments of the roles that can carry it.
 */
function superAdminAccounts<P extends string, UA extends object, OA extends object, Native>(
  context: GateContext<P, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  organization: TargetOrganization,
  now: Date,
): () => Promise<ReadonlySet<UserId>> {
  let found: Promise<ReadonlySet<UserId>> | null = null;
  const load = async (): Promise<ReadonlySet<UserId>> => {
    const superAdmin = context.catalog.spec.administration.superAdmin;
    const roles = context.catalog.roleNames.filter((role) => context.catalog.permissionsOf(role).includes(superAdmin));
    const candidates = new Set<UserId>();
    for (const role of roles) {
      for (const assignment of await tx.assignments.list(organization.id, { role })) {
        if (assignment.principal.type === "user") {
          candidates.add(assignment.principal.id);
        } else {
          const group = await tx.groups.get(organization.id, assignment.principal.id);
          for (const member of group?.memberIds ?? []) candidates.add(member);
        }
      }
    }
    const confirmed = new Set<UserId>();
    for (const userId of candidates) {
      const loaded = await loadSubject(tx, organization.id, userId);
      if (loaded === null) continue;
      const asIfActive = { ...loaded.subject, account: { status: "active" as const }, thirdParty: false };
      const holds =
        context.access.effective(asIfActive, PLATFORM_TARGET, now).has(superAdmin) ||
        context.access.effective(asIfActive, targetIn(organization), now).has(superAdmin);
      if (holds) confirmed.add(userId);
    }
    return confirmed;
  };
  return () => (found ??= load());
}

/**
 * The gate for actions above every organization (creating one without a partner): only super admins
 * (the super admins' permission at the platform) and the system pass.
 */
export async function passPlatformGate<P extends string, UA extends object, OA extends object, Native>(
  context: GateContext<P, UA, OA, Native>,
  tx: StoreTransaction<UA, OA, Native>,
  request: { readonly actor: Actor; readonly now: Date },
): Promise<Result<ActingParty<UA>, TenureError>> {
  const actor = await loadActingParty(tx, request.actor);
  if (actor.isErr()) return err(actor.error);
  const party = actor.value;
  const atPlatform = permissionsOf(context, party, PLATFORM_TARGET, request.now);
  const standing = standingIn(context.catalog, "", standingFacts(party, atPlatform, atPlatform, request.now));
  const allowed = checkStanding(context.catalog, context.settings, standing, "super_admin");
  return allowed.isErr() ? err(allowed.error) : ok(party);
}

/** The facts a standing is judged from, for a loaded actor and their permissions here and at the platform. */
function standingFacts<P extends string, UA extends object>(
  party: ActingParty<UA>,
  here: EffectivePermissions<P>,
  atPlatform: EffectivePermissions<P>,
  now: Date,
): StandingFacts<P> {
  if (party.type === "system") return { type: "system" };
  const { user } = party;
  return { type: "user", homeOrganizationId: user.organizationId, audience: user.audience, active: accountStanding(party.subject, now).active, here, atPlatform };
}
