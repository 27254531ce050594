import { AsyncResource } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { ok, type ResultAsync } from "neverthrow";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthenticationError, TenureError, User } from "tenure";
import { TEST_STORE } from "../_test-store.js";
import { setupCredentialsWorld, type CredentialsWorld } from "./_world.js";

const MINUTE = 60_000;
const LIMIT = 5; // the default maxFailedAttempts
const BURST = 60;

/**
 * Verifications held back, by password, until a condition holds: the right password of a burst is
 * verified only once the failures have locked the account, after its transaction read the count. That
 * is how the right password met the failures committed before it was decided.
 */
const holds = new Map<string, () => boolean>();

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 20_000; waited += 5) await sleep(5);
}

/**
 * While set, every credential write of the credential commands is preceded by this concurrent write of
 * the same credential, committed first: the attempt loses every race.
 */
let interfere: (() => Promise<void>) | null = null;
/** The scope of the file, outside every unit of work: a transaction started in it is not nested in the attempt's. */
let outside: AsyncResource;

// One world (one PostgreSQL schema) for the file; each test has a user of its own.
let world: CredentialsWorld;
beforeAll(async () => {
  outside = new AsyncResource("lockout-burst");
  world = await setupCredentialsWorld({
    gate: (step) => {
      if (step.kind === "store") return step.call === "credentials.update" && interfere !== null ? outside.runInAsyncScope(interfere) : undefined;
      const hold = holds.get(step.password);
      return hold === undefined ? undefined : until(hold);
    },
  });
});

const authentication = (error: TenureError): AuthenticationError => {
  if (error.code !== "authentication") throw new Error(`Expected an authentication error, got ${error.code}.`);
  return error;
};

/** The audit actions on `user`. */
async function auditOf(user: Pick<User, "id">): Promise<string[]> {
  return (await world.audit(world.partner.id)).filter((event) => event.target.id === user.id).map((event) => event.action);
}

/**
 * Runs a burst of `BURST` concurrent attempts on `user`, `BURST - 1` wrong passwords and the right one
 * (sent first or last), the right one verified only once the account is locked. Checks that the
 * `LIMIT`-th counted failure locked, that nothing was counted after it, and that the right password was
 * refused as locked.
 */
async function expectLockedAfterBurst(
  user: User,
  run: (password: string) => ResultAsync<unknown, TenureError>,
  rightOne: "sent first" | "sent last",
): Promise<Date> {
  const right = `${user.username}-password`;
  const before = world.credentialOf(user);
  if (before === null) throw new Error("missing credential");
  // On PGlite, which runs one transaction at a time, the right one is decided last anyway (and holding
  // it would hold the only connection, which the failures wait for).
  if (TEST_STORE !== "pglite") holds.set(right, () => world.credentialOf(user)?.lockedUntil != null);
  const startedAt = world.clock.now();
  const attempts: ResultAsync<unknown, TenureError>[] = [];
  if (rightOne === "sent first") attempts.push(run(right));
  for (let n = 1; n < BURST; n += 1) attempts.push(run(`wrong guess ${n}`));
  if (rightOne === "sent last") attempts.push(run(right));
  const results = await Promise.all(attempts);
  holds.delete(right);

  const lockedUntil = new Date(startedAt.getTime() + 15 * MINUTE);
  const answers = results.map((result) => authentication(result._unsafeUnwrapErr()));
  const rightAnswer = rightOne === "sent first" ? answers.shift() : answers.pop();
  expect(rightAnswer).toEqual(expect.objectContaining({ reason: "locked", until: lockedUntil }));
  // Every wrong password was counted or refused by the lock: none ran out of runs, none was told more.
  expect(answers.filter((answer) => answer.reason !== "invalid_credentials")).toEqual([]);
  // Exactly LIMIT attempts were counted (one version each), the last of which locked.
  expect(world.credentialOf(user)).toMatchObject({ failedAttempts: 0, lockedUntil, version: before.version + LIMIT, passwordHash: before.passwordHash });
  expect(await auditOf(user)).toEqual(["user.locked_out"]);
  return lockedUntil;
}

describe("lockout under a burst of concurrent attempts", () => {
  it(`${BURST} concurrent sign-ins, ${BURST - 1} wrong and the right one sent last: the right one is refused as locked, ${LIMIT} failures counted`, async () => {
    const user = await world.seedUser(world.partner.id, "burst");
    const signIn = (password: string) => world.credentials.signIn({ organizationId: world.partner.id, login: "burst", password });
    const lockedUntil = await expectLockedAfterBurst(user, signIn, "sent last");
    world.clock.set(lockedUntil);
    expect((await signIn("burst-password")).isOk()).toBe(true);
  });

  // PGlite runs one transaction at a time: an attempt that read the count is never overtaken there.
  it.skipIf(TEST_STORE === "pglite")("the right one sent first but decided after the failures committed is refused as locked too", async () => {
    const user = await world.seedUser(world.partner.id, "early");
    const signIn = (password: string) => world.credentials.signIn({ organizationId: world.partner.id, login: "early", password });
    await expectLockedAfterBurst(user, signIn, "sent first");
  });

  it("the same through changePassword: the right current password sent last is refused, the password stays", async () => {
    const user = await world.seedUser(world.partner.id, "changer");
    const change = (currentPassword: string) =>
      world.credentials.changePassword({ organizationId: world.partner.id, login: "changer", currentPassword, newPassword: "a brand new phrase 9" });
    const lockedUntil = await expectLockedAfterBurst(user, change, "sent last");
    world.clock.set(lockedUntil);
    expect((await change("changer-password")).isOk()).toBe(true);
  });

  it("a burst of right passwords alone: each succeeds or is told to try again, never locked; every success is counted", async () => {
    const user = await world.seedUser(world.partner.id, "eager");
    const before = world.credentialOf(user);
    if (before === null) throw new Error("missing credential");
    const results = await Promise.all(
      Array.from({ length: 20 }, () => world.credentials.signIn({ organizationId: world.partner.id, login: "eager", password: "eager-password" })),
    );
    const refusals = results.filter((result) => result.isErr()).map((result) => result._unsafeUnwrapErr());
    expect(refusals.filter((refusal) => !(refusal.code === "authentication" && refusal.reason === "locked" && !("until" in refusal)))).toEqual([]);
    const successes = results.length - refusals.length;
    expect(successes).toBeGreaterThan(0);
    // Each success wrote the credential once (the serialization point), and nothing else did.
    expect(world.credentialOf(user)).toMatchObject({ failedAttempts: 0, lockedUntil: null, version: before.version + successes });
    expect(await auditOf(user)).toEqual(Array.from({ length: successes }, () => "user.signed_in"));
  });

  // PGlite runs one transaction at a time: an attempt never loses a race there.
  it.skipIf(TEST_STORE === "pglite")("an attempt that loses every race is not counted and says nothing of its password: right or wrong, 'try again'", async () => {
    const user = await world.seedUser(world.partner.id, "unlucky");
    let bumps = 0;
    interfere = async () => {
      bumps += 1;
      const bumped = await world.store.transaction(async (tx) => {
        const stored = await tx.credentials.get(world.partner.id, user.id);
        return stored === null ? ok(null) : tx.credentials.update(stored);
      });
      bumped._unsafeUnwrap();
    };
    const attempt = (password: string) =>
      world.tagged(password, () => world.credentials.signIn({ organizationId: world.partner.id, login: "unlucky", password }));
    const verifications = world.hasher.verifications;
    const wrong = (await attempt("a wrong guess"))._unsafeUnwrapErr();
    const right = (await attempt("unlucky-password"))._unsafeUnwrapErr();
    interfere = null;

    expect(wrong).toEqual({ code: "authentication", reason: "locked", message: "Too many sign-in attempts on this account at this moment; try again shortly." });
    expect(right).toEqual(wrong);
    expect(bumps).toBeGreaterThanOrEqual(2 * (LIMIT + 1)); // each ran LIMIT + 1 times (see runsFor), every run lost
    expect(world.hasher.verifications - verifications).toBe(2); // verified once each, whatever the runs
    // Neither attempt committed anything: no count, no sign-in, no audit.
    expect(world.transactions.filter((record) => record.tag !== undefined && record.committed)).toEqual([]);
    expect(world.credentialOf(user)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect(await auditOf(user)).toEqual([]);
    expect((await attempt("unlucky-password")).isOk()).toBe(true);
  });
});
