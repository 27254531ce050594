import { err, ok, type Result } from "neverthrow";
import { decideSignIn, type SignInStep } from "../../../../lifecycle/sign-in-rules.js";
import type { Credential } from "../../../../model/credential.js";
import type { OrganizationId } from "../../../../model/ids.js";
import { settingsFor, type Settings } from "../../../../model/settings.js";
import { TenureErrors, type AuthenticationError, type TenureError, type ValidationError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import type { StoreTransaction } from "../../../../ports/tenure-store.js";
import type { AuditEntry } from "../../../_internal/run-command.js";
import type { ServiceContext } from "../../../_internal/service-context.js";
import type { DummyPasswordCheck } from "../dummy-password-check.js";
import { appendCredentialAudit, credentialDiff } from "./credential-writes.js";
import { findByLogin, NO_USER_ID } from "./find-by-login.js";
import { retryOnConflict } from "./retry-on-conflict.js";

/** The audit actor of a lockout: whoever typed the wrong passwords is not known to be the user. */
export const SIGN_IN_ACTOR = "sign-in";

/** The fewest runs an attempt gets, whatever the lockout settings (for bursts of right passwords). */
const MIN_RUNS = 5;
/** The most runs an attempt gets, however high `maxFailedAttempts` is set. */
const MAX_RUNS = 25;

/**
 * How many times one attempt runs when concurrent attempts on the same account keep committing first.
 * A run loses only when another attempt's write of the credential committed during it; while only
 * wrong passwords arrive, at most `maxFailedAttempts` such writes happen before the lock, after which
 * attempts read the lock and write nothing. So `maxFailedAttempts + 1` runs let every wrong password
 * of a burst be counted or refused by the lock (up to {@link MAX_RUNS}).
 */
function runsFor(settings: Settings): number {
  return Math.min(MAX_RUNS, Math.max(MIN_RUNS, settings.signIn.maxFailedAttempts + 1));
}

/**
 * The answer of an attempt that lost every run: it was not counted, so it says nothing of the
 * password, right or wrong (nothing was learnt that the count did not pay for).
 */
const TRY_AGAIN = (): AuthenticationError =>
  TenureErrors.authentication("locked", "Too many sign-in attempts on this account at this moment; try again shortly.");

/** A password attempt on a login: the organization of the sign-in page, the login, the password typed. */
export interface PasswordAttemptInput {
  readonly organizationId: OrganizationId;
  readonly login: string;
  readonly password: string;
}

/** What the accepting branch of an attempt works with, inside the attempt's unit of work. */
export interface AcceptedAttempt<UA extends object, OA extends object, Native> {
  readonly tx: StoreTransaction<UA, OA, Native>;
  readonly now: Date;
  readonly settings: Settings;
  readonly user: User<UA>;
  /** The credential as read. */
  readonly previous: Credential;
  /** The credential as stored after the attempt (failure count cleared when there was one). */
  readonly credential: Credential;
  /** Where the accepted password leads (`second_factor_required` for an account that requires 2FA); `null` for an accepted refusal (`acceptAlso`). */
  readonly step: SignInStep | null;
}

/** What a command does with an attempt. */
export interface PasswordAttemptOptions<UA extends object, OA extends object, Native, T> {
  /** A refusal of `decideSignIn` that still lets the attempt through (changing a password that must be changed). */
  readonly acceptAlso?: AuthenticationError["reason"];
  /**
   * The work once the password is right and the account may go on: a value and its audit entry (the
   * user as actor). An error rolls everything back: a validation error is answered, a `conflict` runs
   * the attempt again.
   */
  readonly onAccepted: (attempt: AcceptedAttempt<UA, OA, Native>) => Promise<Result<{ readonly value: T; readonly audit: AuditEntry }, TenureError>>;
}

/**
 * One password attempt, as one unit of work: finds the user by login, verifies the password against
 * the stored hash (or, with no user or no hash, against the dummy hash, so timing reveals nothing),
 * lets `decideSignIn` decide (lockout, and which refusal may be told), stores the credential it returns
 * (failure count, lock), audits a lockout (`user.locked_out`, actor system `sign-in`), and runs
 * `onAccepted` when the attempt is accepted. A refusal is committed with its failure count; only an
 * error of `onAccepted` rolls back.
 *
 * The credential is the attempts' serialization point. Every attempt that counts writes it,
 * version-checked: a failure its count, an accepted attempt its cleared count even when it was already
 * clear (`decideSignIn` returns it), and `onAccepted` of `changePassword` its new hash. Attempts that
 * write nothing are refusals only (unknown login, no password, a locked account). So two concurrent
 * attempts that count both write the credential, and the store lets only the first commit (snapshot
 * isolation, first committer wins in memory; `REPEATABLE READ` on PostgreSQL, where the second update
 * is a serialization failure; PGlite runs them one after the other): the other gets a `conflict`
 * and runs again on fresh data, verifying the password only once. An attempt is thus decided on the
 * count as it stands when it commits, in the order of the commits, and no burst gets more than
 * `maxFailedAttempts` failures counted before the lock.
 *
 * The runs are bounded (see `runsFor`). Should every run lose, nothing of the attempt was committed,
 * and it is answered `locked` without `until` ("try again shortly") whatever the password: an
 * attempt that was not counted is never accepted and tells nothing of its password, so no failure goes
 * uncounted. Only an existing account sees such contention; a burst of wrong passwords alone never
 * runs out. A `conflict` is never returned. Any other store refusal breaks the store's contract and
 * is thrown.
 */
export async function runPasswordAttempt<P extends string, R extends string, S extends string, UA extends object, OA extends object, Native, T>(
  context: ServiceContext<P, R, S, UA, OA, Native>,
  dummy: DummyPasswordCheck,
  input: PasswordAttemptInput,
  options: PasswordAttemptOptions<UA, OA, Native, T>,
): Promise<Result<T, AuthenticationError | ValidationError>> {
  const verified = new Map<string, Promise<boolean>>();
  const verify = (encoded: string): Promise<boolean> => {
    const known = verified.get(encoded) ?? context.hasher.verify(encoded, input.password);
    verified.set(encoded, known);
    return known;
  };
  const once = () =>
    context.store.transaction(async (tx): Promise<Result<Result<T, AuthenticationError>, TenureError>> => {
      const now = context.clock.now();
      const organization = await tx.organizations.get(input.organizationId);
      const settings = organization === null ? context.settings : settingsFor(context.settings, organization.settings);
      const user = organization === null ? null : await findByLogin(tx, input.organizationId, input.login);
      const read = await tx.credentials.get(input.organizationId, user?.id ?? NO_USER_ID);
      const previous = user === null ? null : read;
      const hash = previous?.passwordHash ?? null;
      const passwordMatches = hash === null ? await dummy.check(input.password) : await verify(hash);
      const decision = decideSignIn({ user, credential: previous, passwordMatches, now, settings });

      let credential = previous;
      if (decision.credential !== null) {
        const updated = await tx.credentials.update(decision.credential);
        if (updated.isErr()) return err(updated.error);
        credential = updated.value;
      }
      if (user !== null && isLockout(previous, credential, now)) {
        const audited = await appendCredentialAudit(context, tx, {
          organizationId: user.organizationId,
          at: now,
          actor: { type: "system", name: SIGN_IN_ACTOR },
          entry: {
            action: "user.locked_out",
            target: { entity: "user", id: user.id },
            ...credentialDiff(previous, credential),
            details: { maxFailedAttempts: settings.signIn.maxFailedAttempts, lockoutMinutes: settings.signIn.lockoutMinutes },
          },
        });
        if (audited.isErr()) return err(audited.error);
      }

      const refusal = decision.outcome.isErr() ? decision.outcome.error : null;
      if (refusal !== null && refusal.reason !== options.acceptAlso) return ok(err(refusal));
      if (user === null || previous === null || credential === null) throw new Error("decideSignIn accepted an attempt without a credential.");
      const step = decision.outcome.isOk() ? decision.outcome.value : null;
      const accepted = await options.onAccepted({ tx, now, settings, user, previous, credential, step });
      if (accepted.isErr()) return err(accepted.error);
      const audited = await appendCredentialAudit(context, tx, {
        organizationId: user.organizationId,
        at: now,
        actor: { type: "user", id: user.id, organizationId: user.organizationId },
        entry: accepted.value.audit,
      });
      return audited.isErr() ? err(audited.error) : ok(ok(accepted.value.value));
    });

  const result = await retryOnConflict(runsFor(context.settings), once);
  if (result.isOk()) return result.value;
  const error = result.error;
  if (error.code === "validation") return err(error);
  if (error.code === "conflict") return err(TRY_AGAIN());
  throw new Error(`The store refused a sign-in write (${error.code}): ${error.message}`);
}

/** Whether this attempt locked the account: not locked at `now` before, locked after. */
function isLockout(before: Credential | null, after: Credential | null, now: Date): boolean {
  const lockedAt = (credential: Credential | null) => credential?.lockedUntil != null && credential.lockedUntil.getTime() > now.getTime();
  return !lockedAt(before) && lockedAt(after);
}
