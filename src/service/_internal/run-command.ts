import { err, errAsync, ok, ResultAsync, type Result } from "neverthrow";
import type * as z from "zod";
import type { AccessTarget } from "../../access/access-target.js";
import type { EffectivePermissions } from "../../access/effective-permissions.js";
import type { AuditEventId, IdKind, OrganizationId } from "../../model/ids.js";
import type { OutboxMail } from "../../model/outbox-mail.js";
import type { MailTemplateName } from "../../model/mail-template.js";
import type { MailTemplateVariables } from "../../model/mail-template-variables.js";
import type { Organization } from "../../model/organization.js";
import type { ScopeRef } from "../../model/scope.js";
import type { Settings } from "../../model/settings.js";
import type { ConflictError, DuplicateError, ForbiddenError, NotFoundError, TenureError } from "../../model/tenure-error.js";
import type { StoreTransaction } from "../../ports/tenure-store.js";
import type { Actor } from "../actor.js";
import type { Standing } from "../../access/guards/standing.js";
import type { UserId } from "../../model/ids.js";
import { parseRequest } from "./parse-request.js";
import { auditActorOf, permissionsOf, type ActingParty } from "./acting-party.js";
import { passGate, type GateRule } from "./gate.js";
import { watchTransaction } from "./watched-transaction.js";
import { sourceOwnershipGuard } from "./source-ownership.js";
import type { ProvisioningSource } from "../../provisioning/provisioning-source.js";
import { targetIn } from "./load-access.js";
import { queueMail } from "./queue-mail.js";
import type { ServiceContext } from "./service-context.js";

/** A JSON object, as audit `before`/`after`/`details` hold. */
export type JsonObject = { readonly [key: string]: JsonValue };
/** A JSON value. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;

/** The audit entry a command writes: exactly one per successful command. */
export interface AuditEntry {
  readonly action: string;
  readonly target: { readonly entity: string; readonly id: string };
  readonly before: JsonObject | null;
  readonly after: JsonObject | null;
  readonly details?: JsonObject | null;
}

/**
 * What a command's work returns: its value, its audit entry, and the cache entries it makes stale. A
 * command writes exactly one audit entry; a step of a run that changes several users (a provisioning
 * batch) writes one per changed user, and its bookkeeping steps none.
 */
export interface CommandOutcome<T> {
  readonly value: T;
  readonly audit: AuditEntry | readonly AuditEntry[];
  readonly invalidate?: { readonly users?: readonly string[]; readonly organizations?: readonly OrganizationId[] };
}

/** What a command's work sees: one transaction, one instant, the organization, its settings, and the actor. */
export interface CommandScope<P extends string, UA extends object, OA extends object, Native> {
  /** The unit of work, its writes on users' records checked by the gate. */
  readonly tx: StoreTransaction<UA, OA, Native>;
  readonly now: Date;
  readonly organization: Organization<OA>;
  /** The installation's settings overridden by the organization's. */
  readonly settings: Settings;
  readonly actor: ActingParty<UA>;
  /** What the actor is to the organization, as the gate established it. */
  readonly standing: Standing;
  /** A fresh id of a kind. */
  newId(kind: IdKind): string;
  /** The actor's effective permissions in a scope of this organization (the organization itself by default). */
  actorPermissions(scope?: ScopeRef): EffectivePermissions<P>;
  /** The actor's effective permissions at any target. */
  actorPermissionsAt(target: AccessTarget): EffectivePermissions<P>;
  /** The access target of a scope of this organization (its entitlements capped along the partner chain). */
  target(scope?: ScopeRef): AccessTarget;
  /** The gate's super-admin protection for users the command reaches without naming them in its input. */
  checkTargets(userIds: Iterable<UserId>): Promise<Result<void, ForbiddenError>>;
  /**
   * Bumps another organization's version and changes nothing else of it: a serialization point for a
   * rule that relies on that organization's records (a customer left with its partner's customer
   * managers as its only admins), so a concurrent command writing it conflicts instead of both
   * committing. The one write a command may make outside its organization; a missing one is left alone.
   */
  touchOrganization(organizationId: OrganizationId): Promise<Result<void, ConflictError | NotFoundError | DuplicateError>>;
  /**
   * Renders a mail from the template in force (the organization's, else the installation's, else the
   * default) and queues it in the outbox of this unit of work: it is delivered only if the command commits.
   */
  queueMail<N extends MailTemplateName>(
    name: N,
    to: { readonly address: string; readonly name: string | null },
    variables: MailTemplateVariables[N],
  ): Promise<Result<OutboxMail, TenureError>>;
}

/**
 * Runs one command as one unit of work (its actor already parsed, or built by the service itself): passes the authorization gate (the actor's standing in the
 * organization, super admins' accounts protected), hands the work a {@link CommandScope} whose writes on
 * users' records the gate watches, appends the command's audit event, commits, and then forgets the
 * cached permissions the command made stale. Nothing is written when the work (or the commit) fails,
 * so a failed command leaves no audit event.
 */
export function runCommand<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native, T>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: {
    readonly actor: Actor;
    readonly organizationId: OrganizationId;
    readonly rule: GateRule;
    readonly work: (scope: CommandScope<P, UA, OA, Native>) => Promise<Result<CommandOutcome<T>, TenureError>>;
    /** The provisioning source this command writes for: the only command allowed to change what that source owns. */
    readonly writesFor?: ProvisioningSource;
  },
): ResultAsync<T, TenureError> {
  const run = async (): Promise<Result<T, TenureError>> => {
    const now = context.clock.now();
    const committed = await context.store.transaction(async (tx): Promise<Result<CommandOutcome<T>, TenureError>> => {
      const pass = await passGate(context, tx, { actor: input.actor, organizationId: input.organizationId, now, rule: input.rule });
      if (pass.isErr()) return err(pass.error);
      const { organization, accessOrganization, settings, standing, checkTargets } = pass.value;
      const party = pass.value.actor;
      const watched = watchTransaction(tx, organization.id, checkTargets, sourceOwnershipGuard(context, input.writesFor ?? null));
      const scope: CommandScope<P, UA, OA, Native> = {
        tx: watched.tx,
        now,
        organization,
        settings,
        actor: party,
        standing,
        newId: (kind) => context.ids.next(kind),
        actorPermissions: (at) => permissionsOf(context, party, targetIn(accessOrganization, at), now),
        actorPermissionsAt: (target) => permissionsOf(context, party, target, now),
        target: (at) => targetIn(accessOrganization, at),
        checkTargets,
        touchOrganization: async (organizationId) => {
          const other = await tx.organizations.get(organizationId);
          if (other === null) return ok(undefined);
          const touched = await tx.organizations.update(other);
          return touched.isErr() ? err(touched.error) : ok(undefined);
        },
        queueMail: (name, to, variables) => queueMail(context, tx, { organization, settings, now }, name, to, variables),
      };
      const outcome = await input.work(scope);
      const refused = watched.refusal();
      if (refused !== null) return err(refused);
      if (outcome.isErr()) return err(outcome.error);
      const entries: readonly AuditEntry[] = Array.isArray(outcome.value.audit) ? outcome.value.audit : [outcome.value.audit as AuditEntry];
      for (const entry of entries) {
        const appended = await appendAudit(context, tx, party, input.organizationId, now, entry);
        if (appended.isErr()) return err(appended.error);
      }
      return ok(outcome.value);
    });
    if (committed.isErr()) return err(committed.error);
    forgetStale(context, committed.value.invalidate);
    return ok(committed.value.value);
  };
  return ResultAsync.fromSafePromise(run()).andThen((result) => result);
}

/** Appends the audit event of a command or of one step of a system job. */
export async function appendAudit<UA extends object, OA extends object, Native>(
  context: Pick<ServiceContext<string, string, string, UA, OA, Native>, "ids">,
  tx: StoreTransaction<UA, OA, Native>,
  actor: ActingParty<UA>,
  organizationId: OrganizationId,
  now: Date,
  entry: AuditEntry,
): Promise<Result<void, TenureError>> {
  const appended = await tx.audit.append({
    id: context.ids.next("audit") as AuditEventId,
    organizationId,
    at: now,
    actor: auditActorOf(actor),
    action: entry.action,
    target: entry.target,
    before: (entry.before ?? null) as never,
    after: (entry.after ?? null) as never,
    details: (entry.details ?? null) as never,
  });
  return appended.isErr() ? err(appended.error) : ok(undefined);
}

/** Forgets the cached permissions a committed change made stale. */
export function forgetStale(
  context: Pick<ServiceContext<string, string, string, object, object, unknown>, "cache">,
  invalidate: CommandOutcome<unknown>["invalidate"],
): void {
  if (invalidate === undefined) return;
  if (invalidate.users !== undefined) context.cache.invalidateUsers(invalidate.users);
  for (const organizationId of invalidate.organizations ?? []) context.cache.invalidateOrganization(organizationId);
}

/**
 * Parses a command's actor and input first (a `ValidationError` naming every bad field, and nothing
 * else happens), then runs it with {@link runCommand} in the organization the input names, under the
 * gate rule the command declares for that input.
 */
export function runParsedCommand<
  P extends string,
  R extends string,
  S extends string,
  UA extends object,
  OA extends object,
  Native,
  Schema extends z.ZodType<{ readonly organizationId: OrganizationId }>,
  T,
>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  input: {
    readonly actor: Actor;
    readonly schema: Schema;
    readonly input: unknown;
    /** Who may run it, from the parsed input: the standing needed, and the users it names. */
    readonly rule: (value: z.output<Schema>) => GateRule;
    readonly work: (scope: CommandScope<P, UA, OA, Native>, value: z.output<Schema>) => Promise<Result<CommandOutcome<T>, TenureError>>;
  },
): ResultAsync<T, TenureError> {
  const parsed = parseRequest(input.actor, input.schema, input.input);
  if (parsed.isErr()) return errAsync(parsed.error);
  const { actor, value } = parsed.value;
  return runCommand(context, { actor, organizationId: value.organizationId, rule: input.rule(value), work: (scope) => input.work(scope, value) });
}
