import { err, ok, type Result } from "neverthrow";
import { checkGrantPlacement } from "../../../../access/guards/grant-placement.js";
import { placeRequestedRoles } from "../../../../access/guards/role-admission.js";
import { checkNotOwnAccount } from "../../../../access/guards/standing.js";
import { makeThirdParty, endThirdParty } from "../../../../expiry/third-party-change.js";
import { transitionAccount } from "../../../../lifecycle/account-lifecycle.js";
import type { AccountState } from "../../../../model/account-state.js";
import type { RoleAssignmentId, UserId } from "../../../../model/ids.js";
import type { ProvisioningRunId } from "../../../../model/ids.js";
import type { ProvisioningRecordOutcome } from "../../../../model/provisioning-run.js";
import { sameScope, type ScopeRef } from "../../../../model/scope.js";
import { TenureErrors, type Diagnostic, type TenureError } from "../../../../model/tenure-error.js";
import { zodIssuesToDiagnostics } from "../../../../model/parse-input.js";
import type * as z from "zod";
import { EDITABLE_USER_FIELDS, userBaseShape, type User } from "../../../../model/user.js";
import { validateUserData } from "../../../../model/user-validation.js";
import type { PlannedChange } from "../../../../provisioning/plan-provisioning.js";
import type { ProvisioningSource } from "../../../../provisioning/provisioning-source.js";
import { admitMember } from "../../../_internal/admit-member.js";
import { changedFields } from "../../../_internal/audit-values.js";
import type { AuditEntry, CommandScope, JsonObject } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";
import { rolesJson, memberJson } from "../../../_internal/member-json.js";
import { rolePlacementContext } from "../../../_internal/grant-scope.js";
import { heldGrants } from "../../../_internal/held-grants.js";
import { checkConferral } from "../../../_internal/role-guards.js";

/** What one applied change leaves: its outcome for the run, its audit entry (none when nothing changed), the users whose cached permissions it made stale. */
export interface AppliedChange {
  readonly outcome: Omit<ProvisioningRecordOutcome, "runId" | "organizationId">;
  readonly audit: AuditEntry | null;
  readonly stale: readonly UserId[];
}

/** The run a change belongs to, and how new accounts start. */
export interface ChangeRun {
  readonly runId: ProvisioningRunId;
  readonly source: ProvisioningSource;
  readonly newAccount: "active" | "invited";
}

type Scope<P extends string, UA extends object, OA extends object, Native> = CommandScope<P, UA, OA, Native>;
type Context<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native> = ServiceContext<P, R, S, UA, OA, Native>;

/** Fields the audit event of a provisioned user compares. */
const AUDITED_FIELDS = ["username", ...EDITABLE_USER_FIELDS, "audience", "thirdParty", "accessExpiresAt", "workflowAccess", "account", "source"] as const;

/**
 * Writes one planned change in the command's unit of work: creates the account through the one
 * admission path, or updates, re-links, re-activates, converts or de-activates a linked user,
 * checking the version the plan read (a user edited since is a `conflict`) and running the user-data
 * rules on what the source changed. An `Err` means nothing of this change may be kept: the caller
 * rolls back its unit of work.
 */
export async function applyChange<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: Context<P, R, S, UA, OA, Native>,
  c: Scope<P, UA, OA, Native>,
  run: ChangeRun,
  change: PlannedChange,
): Promise<Result<AppliedChange, TenureError>> {
  const base = { sequence: change.sequence, externalId: change.externalId, position: change.position, action: change.action } as const;
  switch (change.action) {
    case "unchanged":
      return ok({ outcome: { ...base, userId: change.userId, status: "unchanged", error: null }, audit: null, stale: [] });
    case "create":
      return create(context, c, run, change, base);
    case "deactivate":
      return deactivate(c, run, change, base);
    default:
      return update(context, c, run, change, base);
  }
}

type Base = Pick<ProvisioningRecordOutcome, "sequence" | "externalId" | "position" | "action">;

function auditOf(run: ChangeRun, change: PlannedChange, userId: string, before: JsonObject | null, after: JsonObject | null): AuditEntry {
  return {
    action: "user.provisioned",
    target: { entity: "user", id: userId },
    before,
    after,
    details: { run: run.runId, source: run.source.name, action: change.action, externalId: change.externalId, position: change.position },
  };
}

async function create<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: Context<P, R, S, UA, OA, Native>,
  c: Scope<P, UA, OA, Native>,
  run: ChangeRun,
  change: PlannedChange,
  base: Base,
): Promise<Result<AppliedChange, TenureError>> {
  const record = change.record;
  if (record === undefined) return err(TenureErrors.invalidState("provisioning_change", String(change.sequence), "create", "A create carries its record."));
  const fields = Object.fromEntries(Object.entries(record.fields).filter(([, value]) => value !== undefined));
  const admitted = await admitMember(context, c, {
    user: {
      ...fields,
      source: { type: run.source.kind, source: run.source.name, externalId: record.externalId },
      ...(record.attributes === undefined ? {} : { attributes: record.attributes }),
    } as never,
    account: run.newAccount === "active" ? { status: "active" } : { status: "invited" },
    roles: record.roles,
    passwordHash: null,
    ...(record.thirdPartyLastDay === undefined || record.fields.thirdParty !== true ? {} : { thirdPartyLastDay: record.thirdPartyLastDay }),
    invitation: run.newAccount === "invited" ? { send: true, message: null } : null,
    mayBecomeContactPerson: true,
  });
  if (admitted.isErr()) return err(admitted.error);
  const user = admitted.value.user;
  const joined = await changeGroups(context, c, user.id, change.groups?.join ?? record.groups ?? [], []);
  if (joined.isErr()) return err(joined.error);
  return ok({
    outcome: { ...base, userId: user.id, status: "applied", error: null },
    audit: auditOf(run, change, user.id, null, { ...memberJson(user), roles: rolesJson(admitted.value.roles), groups: [...(record.groups ?? [])] }),
    stale: [user.id],
  });
}

async function loadAsPlanned<UA extends object, OA extends object, Native>(
  c: Scope<string, UA, OA, Native>,
  change: PlannedChange,
): Promise<Result<User<UA>, TenureError>> {
  if (change.userId === null) return err(TenureErrors.invalidState("provisioning_change", String(change.sequence), change.action, "This change names no user."));
  const stored = await c.tx.users.get(c.organization.id, change.userId);
  if (stored === null) return err(TenureErrors.notFound("user", change.userId));
  if (change.expectedVersion !== null && stored.version !== change.expectedVersion) {
    return err(TenureErrors.conflict("user", change.userId, change.expectedVersion, stored.version));
  }
  return ok(stored);
}

async function deactivate<UA extends object, OA extends object, Native>(
  c: Scope<string, UA, OA, Native>,
  run: ChangeRun,
  change: PlannedChange,
  base: Base,
): Promise<Result<AppliedChange, TenureError>> {
  const stored = await loadAsPlanned(c, change);
  if (stored.isErr()) return err(stored.error);
  // Nobody takes their own rights away, not through a source either: another admin's run must do it.
  const own = checkNotOwnAccount([stored.value.id], c.actor.type === "user" ? c.actor.user.id : null, "de-activate");
  if (own.isErr()) return err(own.error);
  const account = transitionAccount(stored.value.id, stored.value.account, { type: "deactivate", reason: "source" }, c.now);
  if (account.isErr()) return err(account.error);
  const updated = await c.tx.users.update({ ...stored.value, account: account.value, updatedAt: c.now });
  if (updated.isErr()) return err(updated.error);
  return ok({
    outcome: { ...base, userId: stored.value.id, status: "applied", error: null },
    audit: auditOf(run, change, stored.value.id, { account: stored.value.account as never }, { account: updated.value.account as never }),
    stale: [stored.value.id],
  });
}

async function update<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: Context<P, R, S, UA, OA, Native>,
  c: Scope<P, UA, OA, Native>,
  run: ChangeRun,
  change: PlannedChange,
  base: Base,
): Promise<Result<AppliedChange, TenureError>> {
  const loaded = await loadAsPlanned(c, change);
  if (loaded.isErr()) return err(loaded.error);
  const stored = loaded.value;
  const builtIn: Record<string, unknown> = {};
  const attributeChanges: Record<string, unknown> = {};
  for (const { field, after } of change.changes) {
    if (field.startsWith("attributes.")) attributeChanges[field.slice("attributes.".length)] = after;
    else if (field !== "thirdParty") builtIn[field] = after;
  }
  // Every value the source sends meets the bounds of user data (a record is checked like a manual
  // entry); the source renames its own users, so the manual rule "the username never changes" does not bind it.
  const bounded = checkBounds(builtIn);
  if (bounded.isErr()) return err(bounded.error);
  const { username, ...rest } = bounded.value;
  const [sameEmail, sameName] = await Promise.all([
    typeof rest["email"] === "string" ? c.tx.users.findByEmail(c.organization.id, rest["email"]) : [],
    typeof rest["fullName"] === "string" ? c.tx.users.findByFullName(c.organization.id, rest["fullName"]) : [],
  ]);
  const findings = validateUserData(rest, { limits: c.settings.fieldLimits, others: [...sameEmail, ...sameName], previous: stored, emailUniqueness: c.settings.emailUniqueness });
  const refused = findings.filter((finding) => finding.severity === "error");
  if (refused.length > 0) return err(TenureErrors.validation(refused.map((finding) => ({ ...finding, field: `fields.${finding.field}` }))));
  const attributes = Object.keys(attributeChanges).length === 0 ? null : context.model.userAttributes.safeParse({ ...stored.attributes, ...attributeChanges });
  if (attributes !== null && !attributes.success) {
    return err(TenureErrors.validation(attributes.error.issues.map((issue) => ({ severity: "error" as const, field: ["attributes", ...issue.path.map(String)].join("."), code: "invalid", message: issue.message }))));
  }
  let next: User<UA> = {
    ...stored,
    ...(rest as Partial<User<UA>>),
    ...(typeof username === "string" ? { username: username.trim() } : {}),
    ...(attributes?.success === true ? { attributes: attributes.data } : {}),
    ...(change.action === "relink" ? { source: { type: run.source.kind, source: run.source.name, externalId: change.externalId } } : {}),
    updatedAt: c.now,
  } as User<UA>;
  const converted = convert(next, c, change);
  if (converted.isErr()) return err(converted.error);
  next = converted.value;
  if (change.reactivate === true || change.action === "reactivate") {
    const account = transitionAccount(next.id, next.account, { type: "reactivate" }, c.now);
    if (account.isErr()) return err(account.error);
    next = { ...next, account: account.value as AccountState };
  }
  const updated = await c.tx.users.update(next, { uniqueEmail: c.settings.emailUniqueness === "enforce" });
  if (updated.isErr()) return err(updated.error);
  const roles = await changeRoles(context, c, stored.id, change.roles);
  if (roles.isErr()) return err(roles.error);
  const groups = await changeGroups(context, c, stored.id, change.groups?.join ?? [], change.groups?.leave ?? []);
  if (groups.isErr()) return err(groups.error);
  const attributeNames = Object.keys(updated.value.attributes as object);
  const diff = changedFields(
    { ...stored, ...stored.attributes } as Record<string, unknown>,
    { ...updated.value, ...updated.value.attributes } as Record<string, unknown>,
    [...AUDITED_FIELDS, ...attributeNames],
  );
  const before: Record<string, unknown> = { ...diff.before };
  const after: Record<string, unknown> = { ...diff.after };
  if (change.roles !== undefined) {
    before["revokedRoles"] = change.roles.revoke.map(roleJson);
    after["grantedRoles"] = change.roles.grant.map(roleJson);
  }
  if (change.groups !== undefined) {
    before["leftGroups"] = [...change.groups.leave];
    after["joinedGroups"] = [...change.groups.join];
  }
  return ok({
    outcome: { ...base, userId: stored.id, status: "applied", error: null },
    audit: auditOf(run, change, stored.id, before as JsonObject, after as JsonObject),
    stale: [stored.id],
  });
}

/** The values of user fields parsed by their schemas (hard bounds, one line, trimmed): a `validation` error at `fields.<name>` otherwise. */
function checkBounds(values: Record<string, unknown>): Result<Record<string, unknown>, TenureError> {
  const parsed: Record<string, unknown> = {};
  const issues: Diagnostic[] = [];
  for (const [field, value] of Object.entries(values)) {
    const schema = (userBaseShape as Record<string, z.ZodType | undefined>)[field];
    if (schema === undefined) {
      parsed[field] = value;
      continue;
    }
    const checked = schema.safeParse(value);
    if (checked.success) parsed[field] = checked.data;
    else issues.push(...zodIssuesToDiagnostics(checked.error.issues, `fields.${field}`));
  }
  return issues.length > 0 ? err(TenureErrors.validation(issues)) : ok(parsed);
}

function roleJson(grant: { readonly role: string; readonly scope?: ScopeRef | undefined }): JsonObject {
  return grant.scope === undefined ? { role: grant.role } : { role: grant.role, scope: { kind: grant.scope.kind, id: grant.scope.id } };
}

/** A conversion the source asked for: regular → third party with the record's last day (or the maximum), or back. */
function convert<UA extends object>(user: User<UA>, c: Scope<string, UA, object, unknown>, change: PlannedChange): Result<User<UA>, TenureError> {
  if (change.action !== "convert" || change.to === undefined) return ok(user);
  if (change.to === "third_party") {
    const lastDay = change.record?.thirdPartyLastDay;
    return makeThirdParty(user, c.now, c.settings, lastDay === undefined ? {} : { expiresOn: lastDay });
  }
  return endThirdParty(user, c.now, c.settings);
}

/**
 * Grants and revokes the roles a source owning `roles` asks for. The grants pass the same guards as an
 * admin's grant: known roles and scopes of this organization, no escalation (`placeRequestedRoles`),
 * then organization kinds and requirements against what the user keeps (`checkGrantPlacement`).
 */
async function changeRoles<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: Context<P, R, S, UA, OA, Native>,
  c: Scope<P, UA, OA, Native>,
  userId: UserId,
  roles: PlannedChange["roles"],
): Promise<Result<void, TenureError>> {
  if (roles === undefined) return ok(undefined);
  const held = await c.tx.assignments.listForPrincipals(c.organization.id, [{ type: "user", id: userId }]);
  for (const revoke of roles.revoke) {
    for (const assignment of held.filter((stored) => stored.role === revoke.role && sameScope(stored.scope, revoke.scope))) {
      const deleted = await c.tx.assignments.delete(c.organization.id, assignment.id);
      if (deleted.isErr()) return err(deleted.error);
    }
  }
  if (roles.grant.length === 0) return ok(undefined);
  const placed = placeRequestedRoles(rolePlacementContext(context.catalog, c), roles.grant);
  if (placed.isErr()) return err(placed.error);
  const kept = (await heldGrants(c.tx, c.organization.id, { type: "user", id: userId })) ?? [];
  const placement = checkGrantPlacement(context.catalog, { organization: c.organization, granted: placed.value, held: kept, holder: "the user" });
  if (placement.isErr()) return err(placement.error);
  for (const grant of placed.value) {
    const inserted = await c.tx.assignments.insert({
      id: c.newId("assignment") as RoleAssignmentId,
      organizationId: c.organization.id,
      principal: { type: "user", id: userId },
      role: grant.role,
      scope: grant.scope,
      grantedBy: c.actor.type === "user" ? c.actor.user.id : null,
      grantedAt: c.now,
    });
    if (inserted.isErr()) return err(inserted.error);
  }
  return ok(undefined);
}

/**
 * Adds the user to the groups named `join` and takes them out of those named `leave`. Joining a group
 * confers its roles, so it passes the same no-escalation rule as adding a member by hand
 * (`checkConferral`). An unknown group name is a validation error naming it.
 */
async function changeGroups<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native>(
  context: Context<P, R, S, UA, OA, Native>,
  c: Scope<P, UA, OA, Native>,
  userId: UserId,
  join: readonly string[],
  leave: readonly string[],
): Promise<Result<void, TenureError>> {
  if (join.length === 0 && leave.length === 0) return ok(undefined);
  const groups = await c.tx.groups.list(c.organization.id);
  for (const name of join) {
    const group = groups.find((candidate) => candidate.name === name);
    if (group === undefined) return err(TenureErrors.validation([{ severity: "error", field: "groups", code: "unknown_group", message: `There is no group "${name}" in this organization.` }]));
    if (group.memberIds.includes(userId)) continue;
    const conferred = await c.tx.assignments.listForPrincipals(c.organization.id, [{ type: "group", id: group.id }]);
    const allowed = checkConferral(context.catalog, c, conferred, group.name);
    if (allowed.isErr()) return err(allowed.error);
    const current = (await c.tx.groups.get(c.organization.id, group.id)) ?? group;
    const updated = await c.tx.groups.update({ ...current, memberIds: [...current.memberIds, userId], updatedAt: c.now });
    if (updated.isErr()) return err(updated.error);
  }
  for (const name of leave) {
    const group = groups.find((candidate) => candidate.name === name);
    if (group === undefined || !group.memberIds.includes(userId)) continue;
    const current = (await c.tx.groups.get(c.organization.id, group.id)) ?? group;
    const updated = await c.tx.groups.update({ ...current, memberIds: current.memberIds.filter((id) => id !== userId), updatedAt: c.now });
    if (updated.isErr()) return err(updated.error);
  }
  return ok(undefined);
}
