import { err, ok, type Result } from "neverthrow";
import * as z from "zod";
import type { UserId } from "../model/ids.js";
import { parseInput } from "../model/parse-input.js";
import { PROVISIONING_ACTIONS, type ProvisioningAction, type ProvisioningSourceKind } from "../model/provisioning-action.js";
import type { TenureError } from "../model/tenure-error.js";
import { diffGroups, diffRoles, uniqueRoles, type GroupChanges, type RoleChanges } from "./_internal/membership-diff.js";
import { ownedChanges, ownsField, type FieldChange } from "./field-ownership.js";
import { checkMassDeactivation } from "./mass-deactivation-guard.js";
import { REQUIRED_PROVISIONED_FIELDS, type ProvisioningSource } from "./provisioning-source.js";
import type { SourceLinkedUser, SourceRecord } from "./source-record.js";

export type { RoleChanges, GroupChanges } from "./_internal/membership-diff.js";

/** How one plan is made. */
export interface PlanOptions {
  readonly source: ProvisioningSource;
  /** `all`: the manual's Full Update; `new_only`: its Partial Update (only new records are created, existing users are left alone). */
  readonly mode: "new_only" | "all";
  /** E.g. the directory group the read was limited to; recorded in the plan, informative. */
  readonly scope?: string;
  /** "complete": the read returned the source's whole population (of the scope); "partial"/"failed": never plan de-activations of missing users. */
  readonly read: "complete" | "partial" | "failed";
  /** Apply a plan the mass de-activation guard would refuse. */
  readonly force?: boolean;
  /**
   * `follow_source` (default): a username the source owns follows the source's renames. `immutable`:
   * usernames never change once the account exists (the zoned workspace's logins); a rename in the
   * source is reported as the warning `renamed_in_source` with the new name, and the account is kept.
   */
  readonly usernames?: "follow_source" | "immutable";
}

/** One step of a plan: what to do with one record, or with one linked user missing from the source. */
export interface PlannedChange {
  /** 0.. in plan order. */
  readonly sequence: number;
  readonly action: ProvisioningAction;
  readonly externalId: string;
  /** The record's place in the source; `null` for a user missing from the source. */
  readonly position: string | null;
  /** The existing user; `null` for `create`. */
  readonly userId: UserId | null;
  /** The record; absent for the de-activation of a user missing from the source. A `create` uses all the fields it provides. */
  readonly record?: SourceRecord;
  /** Owned fields that differ, with before and after (update, relink, reactivate, convert); empty otherwise. */
  readonly changes: readonly FieldChange[];
  /** Roles to grant and revoke (only when the source owns `roles`; at creation: the record's roles). */
  readonly roles?: RoleChanges;
  /** Groups to join and leave (only when the source owns `groups`; at creation: the record's groups). */
  readonly groups?: GroupChanges;
  /** The version the user was read at, for the optimistic write; `null` for `create`. */
  readonly expectedVersion: number | null;
  /** The old externalId of a re-linked account. */
  readonly relinkFrom?: string;
  /** A conversion between regular and third party (the source owns `thirdParty` and it differs). */
  readonly to?: "third_party" | "regular";
  /** Whether the user, de-activated by the source, becomes active again. */
  readonly reactivate: boolean;
}

/** A problem of one record (or of the whole read, with `externalId` null). `error`: the record is skipped; `warning`: reported. */
export interface ProvisioningProblem {
  readonly severity: "error" | "warning";
  readonly code: string;
  /** The record's field, e.g. `fields.username`, `externalId`; `null` for the whole record or read. */
  readonly field: string | null;
  readonly message: string;
  readonly externalId: string | null;
  readonly position: string | null;
}

/** What a sync would do, in the order the service applies it. */
export interface ProvisioningPlan {
  readonly source: string;
  readonly sourceKind: ProvisioningSourceKind;
  readonly mode: "new_only" | "all";
  readonly scope: string | null;
  /** Ordered: relink, then update/convert/reactivate, then create, then unchanged, then deactivate. */
  readonly changes: readonly PlannedChange[];
  readonly problems: readonly ProvisioningProblem[];
  /** Changes per action, and `errors`: records skipped for an error. */
  readonly counts: Record<ProvisioningAction | "errors", number>;
}

/** Why a plan is refused: `forbidden` rule `mass_deactivation`, or `validation` for bad options. */
export type ProvisioningRefusal = TenureError;

const optionsSchema = z.object({
  mode: z.enum(["new_only", "all"]),
  read: z.enum(["complete", "partial", "failed"]),
  scope: z.string().max(1000).optional(),
  force: z.boolean().optional(),
  usernames: z.enum(["follow_source", "immutable"]).optional(),
  source: z.object({ name: z.string().min(1), maxDeactivationShare: z.number().min(0).max(1), matchBy: z.enum(["username", "email"]) }),
});

const GROUP_OF: Record<ProvisioningAction, number> = { relink: 0, update: 1, convert: 1, reactivate: 1, create: 2, unchanged: 3, deactivate: 4 };

/** Usernames and e-mails are matched trimmed and case-insensitively. */
const matchKey = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim().toLowerCase() : null;

type Draft = Omit<PlannedChange, "sequence"> & { readonly order: number };
type Decision = { readonly kind: "existing" | "relink"; readonly user: SourceLinkedUser } | { readonly kind: "new" };

/**
 * Plans a sync of one source: compares the records the source says should exist with the
 * organization's users linked to that source, and returns the ordered changes, the problems per record
 * and the counts. Pure: the service applies the plan.
 *
 * - A record is matched by its stable `externalId` first → `update` (only owned fields that differ;
 *   fields the source does not own are never overwritten), `reactivate` (de-activated by the source,
 *   back in it; one de-activated by an admin stays, warning `deactivated_by_admin`), `convert` (the
 *   source owns `thirdParty` and it differs), `deactivate` (the record is `active: false`) or `unchanged`.
 * - An unknown `externalId` whose `matchBy` key (username or e-mail, trimmed, case-insensitive) equals a
 *   leftover (a linked user whose own externalId is not in the read) → `relink`; otherwise `create`
 *   (with all the fields provided; one without username, full name or e-mail is `required_field`; an
 *   inactive new record is skipped, warning `inactive_new_record`).
 * - `removed` users are never touched nor matched.
 * - Record errors skip the record, the others go on: `required_field` (also an empty externalId),
 *   `duplicate_record` (the same externalId twice), `duplicate_username` (two records with one username
 *   or claiming one leftover, or a new username taken), `ambiguous_match`.
 * - Mode `new_only` only creates: every matched record is `unchanged`.
 * - Mode `all` with `source.deactivatesMissing` and a complete, non-empty read de-activates the linked
 *   users missing from it. A partial or failed read, or an empty one (warning `empty_read`), never does;
 *   a failed read de-activates nothing at all.
 * - More de-activations than `source.maxDeactivationShare` of the active linked users → Err forbidden
 *   `mass_deactivation`, unless `force`.
 *
 * Deterministic: the same input gives the same plan; within an action group, records keep their read order.
 *
 * @example
 * ```ts
 * const plan = planProvisioning(records, linkedUsers, { source: ldap, mode: "all", read: "complete" });
 * if (plan.isOk()) for (const step of plan.value.changes) console.log(step.sequence, step.action, step.externalId);
 * ```
 */
export function planProvisioning(
  desired: readonly SourceRecord[],
  current: readonly SourceLinkedUser[],
  options: PlanOptions,
): Result<ProvisioningPlan, ProvisioningRefusal> {
  const checked = parseInput(optionsSchema, options, { fieldPrefix: "options" });
  if (checked.isErr()) return err(checked.error);
  const { source, mode, read } = options;
  const problems: ProvisioningProblem[] = [];
  const errored = new Set<number>();
  const place = (index: number): { externalId: string | null; position: string | null } => ({
    externalId: typeof desired[index]!.externalId === "string" ? desired[index]!.externalId : null,
    position: desired[index]!.position ?? null,
  });
  const fail = (index: number, code: string, field: string | null, message: string): void => {
    problems.push({ severity: "error", code, field, message, ...place(index) });
    errored.add(index);
  };
  const warn = (index: number | null, code: string, field: string | null, message: string): void => {
    problems.push({ severity: "warning", code, field, message, ...(index === null ? { externalId: null, position: null } : place(index)) });
  };

  const live = current.filter((user) => user.status !== "removed");
  const byExternalId = new Map<string, SourceLinkedUser>();
  for (const user of live) if (!byExternalId.has(user.externalId)) byExternalId.set(user.externalId, user);
  const idCount = new Map<string, number>();
  for (const record of desired) {
    if (typeof record.externalId === "string" && record.externalId.trim() !== "") {
      idCount.set(record.externalId, (idCount.get(record.externalId) ?? 0) + 1);
    }
  }

  // Structure: a stable id, once.
  desired.forEach((record, index) => {
    if (typeof record.externalId !== "string" || record.externalId.trim() === "") {
      fail(index, "required_field", "externalId", "the record has no stable id (externalId)");
    } else if (idCount.get(record.externalId)! > 1) {
      fail(index, "duplicate_record", "externalId", `the read holds ${idCount.get(record.externalId)} records with externalId "${record.externalId}"`);
    }
  });
  // Two records with one username.
  flagRepeats(
    desired.map((record, index) => (errored.has(index) ? null : matchKey(record.fields.username))),
    (index, key) => fail(index, "duplicate_username", "fields.username", `another record of the read has the username "${key}"`),
  );

  // Matching: the stable id first, then the leftover with the same username (or e-mail).
  const leftovers = new Map<string, SourceLinkedUser[]>();
  for (const user of live) {
    if (idCount.has(user.externalId)) continue;
    const key = matchKey(user.fields[source.matchBy]);
    if (key !== null) leftovers.set(key, [...(leftovers.get(key) ?? []), user]);
  }
  const decisions = new Map<number, Decision>();
  const claimed = new Set<UserId>();
  desired.forEach((record, index) => {
    if (errored.has(index)) return;
    const user = byExternalId.get(record.externalId);
    if (user !== undefined) return void decisions.set(index, { kind: "existing", user });
    if (record.active === false) {
      return warn(index, "inactive_new_record", "active", "the record is inactive in the source; no account is created for it");
    }
    const key = matchKey(record.fields[source.matchBy]);
    const candidates = key === null ? [] : (leftovers.get(key) ?? []);
    candidates.forEach((candidate) => claimed.add(candidate.userId));
    if (candidates.length > 1) {
      return fail(index, "ambiguous_match", `fields.${source.matchBy}`, `${candidates.length} accounts left over from this source have the ${source.matchBy} "${key}"`);
    }
    decisions.set(index, candidates.length === 1 ? { kind: "relink", user: candidates[0]! } : { kind: "new" });
  });
  // Two records claiming one leftover.
  flagRepeats(
    desired.map((_, index) => {
      const decision = decisions.get(index);
      return decision?.kind === "relink" ? decision.user.userId : null;
    }),
    (index) => {
      decisions.delete(index);
      fail(index, "duplicate_username", `fields.${source.matchBy}`, `another record of the read claims the same leftover account`);
    },
  );

  // The usernames taken once the plan is applied, for the new records.
  const immutable = options.usernames === "immutable";
  const renames = mode === "all" && ownsField(source, "username") && !immutable;
  const after = new Map<UserId, string>();
  for (const user of live) after.set(user.userId, user.fields.username);
  for (const [index, decision] of decisions) {
    const username = desired[index]!.fields.username;
    if (decision.kind !== "new" && renames && desired[index]!.active !== false && typeof username === "string") {
      after.set(decision.user.userId, username);
    }
  }
  const taken = new Set([...after.values()].map(matchKey));

  const drafts: Draft[] = [];
  for (const [index, decision] of [...decisions].sort(([a], [b]) => a - b)) {
    const record = desired[index]!;
    const base = { externalId: record.externalId, position: record.position ?? null, record, order: index };
    if (decision.kind === "new") {
      const missing = REQUIRED_PROVISIONED_FIELDS.filter((field) => matchKey(record.fields[field]) === null);
      for (const field of missing) fail(index, "required_field", `fields.${field}`, `every user needs a ${field}; the record has none`);
      if (missing.length > 0) continue;
      if (taken.has(matchKey(record.fields.username))) {
        fail(index, "duplicate_username", "fields.username", `the username "${String(record.fields.username)}" belongs to another account`);
        continue;
      }
      drafts.push({
        ...base,
        action: "create",
        userId: null,
        changes: [],
        ...(record.roles === undefined ? {} : { roles: { grant: uniqueRoles(record.roles), revoke: [] } }),
        ...(record.groups === undefined ? {} : { groups: { join: [...new Set(record.groups)], leave: [] } }),
        expectedVersion: null,
        reactivate: false,
      });
      continue;
    }
    const user = decision.user;
    const existing: Omit<Draft, "action"> = {
      externalId: record.externalId,
      position: record.position ?? null,
      record,
      order: index,
      userId: user.userId,
      expectedVersion: user.version,
      changes: [],
      reactivate: false,
    };
    if (mode === "new_only") {
      if (decision.kind === "relink") warn(index, "not_relinked", null, `mode new_only leaves the leftover account "${user.fields.username}" alone`);
      drafts.push(withAction(existing, "unchanged"));
    } else if (record.active === false) {
      if (user.status === "deactivated") drafts.push(withAction(existing, "unchanged"));
      else if (read === "failed") {
        warn(index, "failed_read", "active", "the read failed; nobody is de-activated");
        drafts.push(withAction(existing, "unchanged"));
      } else drafts.push(withAction(existing, "deactivate"));
    } else {
      drafts.push(planExisting(existing, record, user, decision.kind === "relink", source, immutable, (code, field, message) => warn(index, code, field, message)));
    }
  }

  // Users gone from the source.
  if (mode === "all" && source.deactivatesMissing) {
    const missing = live
      .map((user, index) => ({ user, index }))
      .filter(({ user }) => user.status !== "deactivated" && !idCount.has(user.externalId) && !claimed.has(user.userId));
    if (desired.length === 0) {
      warn(null, "empty_read", null, "the source returned no records; nobody is de-activated");
    } else if (missing.length > 0 && read !== "complete") {
      warn(null, `${read}_read`, null, `the read was ${read}; the ${missing.length} users missing from it are not de-activated`);
    } else {
      for (const { user, index } of missing) {
        drafts.push({
          action: "deactivate",
          externalId: user.externalId,
          position: null,
          userId: user.userId,
          changes: [],
          expectedVersion: user.version,
          reactivate: false,
          order: desired.length + index,
        });
      }
    }
  }

  const planned = drafts.filter((draft) => draft.action === "deactivate").length;
  const active = live.filter((user) => user.status !== "deactivated").length;
  const guard = checkMassDeactivation({ source: source.name, planned, active, limit: source.maxDeactivationShare, force: options.force ?? false });
  if (guard.isErr()) return err(guard.error);

  drafts.sort((a, b) => GROUP_OF[a.action] - GROUP_OF[b.action] || a.order - b.order);
  const changes = drafts.map((draft, sequence) => plannedChange(draft, sequence));
  const counts = Object.fromEntries([...PROVISIONING_ACTIONS.map((action) => [action, 0]), ["errors", errored.size]]) as ProvisioningPlan["counts"];
  for (const change of changes) counts[change.action] += 1;
  return ok({ source: source.name, sourceKind: source.kind, mode, scope: options.scope ?? null, changes, problems, counts });
}

/** The change for a record matched to an existing (or leftover) account. */
function planExisting(
  existing: Omit<Draft, "action">,
  record: SourceRecord,
  user: SourceLinkedUser,
  relink: boolean,
  source: ProvisioningSource,
  immutableUsernames: boolean,
  warn: (code: string, field: string | null, message: string) => void,
): Draft {
  const owned = ownedChanges(source, record, user);
  const renamed = immutableUsernames ? owned.find((change) => change.field === "username") : undefined;
  if (renamed !== undefined) {
    warn("renamed_in_source", "fields.username", `the source now names "${String(renamed.before)}" "${String(renamed.after)}"; usernames do not change, the account is kept`);
  }
  const changes = renamed === undefined ? owned : owned.filter((change) => change !== renamed);
  const thirdParty = changes.find((change) => change.field === "thirdParty");
  const roles = ownsField(source, "roles") && record.roles !== undefined ? diffRoles(record.roles, user.roles) : undefined;
  const groups = ownsField(source, "groups") && record.groups !== undefined ? diffGroups(record.groups, user.groups) : undefined;
  const reactivate = user.status === "deactivated" && user.deactivatedBy === "source";
  if (user.status === "deactivated" && !reactivate) {
    warn("deactivated_by_admin", null, `the account "${user.fields.username}" was de-activated by an administrator and stays de-activated`);
  }
  const rolesChange = roles !== undefined && roles.grant.length + roles.revoke.length > 0 ? roles : undefined;
  const groupsChange = groups !== undefined && groups.join.length + groups.leave.length > 0 ? groups : undefined;
  const action: ProvisioningAction = relink
    ? "relink"
    : reactivate
      ? "reactivate"
      : thirdParty !== undefined
        ? "convert"
        : changes.length > 0 || rolesChange !== undefined || groupsChange !== undefined
          ? "update"
          : "unchanged";
  const draft: { -readonly [K in keyof Draft]: Draft[K] } = withAction(existing, action);
  draft.changes = changes;
  draft.reactivate = reactivate;
  if (rolesChange !== undefined) draft.roles = rolesChange;
  if (groupsChange !== undefined) draft.groups = groupsChange;
  if (relink) draft.relinkFrom = user.externalId;
  if (thirdParty !== undefined) draft.to = thirdParty.after === true ? "third_party" : "regular";
  return draft;
}

/** The draft of an existing user's step with its action, written out key by key (no spreads: plans run to 100,000 steps). */
function withAction(existing: Omit<Draft, "action">, action: ProvisioningAction): { -readonly [K in keyof Draft]: Draft[K] } {
  const draft: { -readonly [K in keyof Draft]: Draft[K] } = {
    action,
    externalId: existing.externalId,
    position: existing.position,
    userId: existing.userId,
    changes: existing.changes,
    expectedVersion: existing.expectedVersion,
    reactivate: existing.reactivate,
    order: existing.order,
  };
  if (existing.record !== undefined) draft.record = existing.record;
  return draft;
}

/** A draft as the plan's step `sequence`, written out key by key (a plan of 100,000 steps is built fast without spreads). */
function plannedChange(draft: Draft, sequence: number): PlannedChange {
  const change: { -readonly [K in keyof PlannedChange]: PlannedChange[K] } = {
    sequence,
    action: draft.action,
    externalId: draft.externalId,
    position: draft.position,
    userId: draft.userId,
    changes: draft.changes,
    expectedVersion: draft.expectedVersion,
    reactivate: draft.reactivate,
  };
  if (draft.record !== undefined) change.record = draft.record;
  if (draft.roles !== undefined) change.roles = draft.roles;
  if (draft.groups !== undefined) change.groups = draft.groups;
  if (draft.relinkFrom !== undefined) change.relinkFrom = draft.relinkFrom;
  if (draft.to !== undefined) change.to = draft.to;
  return change;
}

/** Calls `flag` for every position whose key (not null) appears more than once. */
function flagRepeats<K>(keys: readonly (K | null)[], flag: (index: number, key: K) => void): void {
  const count = new Map<K, number>();
  for (const key of keys) if (key !== null) count.set(key, (count.get(key) ?? 0) + 1);
  keys.forEach((key, index) => {
    if (key !== null && count.get(key)! > 1) flag(index, key);
  });
}
