/**
 * The service world of `../_harness.ts`, plus what the onboarding tests need until `createTenure` wires
 * these commands: the internal service context over the same store and clock (its own ids, its own link
 * log), the onboarding commands and access queries on it, and small helpers to read the store.
 */
import { ok, type ResultAsync } from "neverthrow";
import { expect } from "vitest";
import { createScryptPasswordHasher, decideSignIn, type LinkRequest, type OrganizationId, type SettingsInput, type TenureError, type User } from "tenure";
import { onboardingCommands } from "../../../src/service/commands/onboarding/index.js";
import { createServiceContext } from "../../../src/service/_internal/service-context.js";
import { NODE_DEFAULTS } from "../../../src/create-tenure.js";
import { accessQueries } from "../../../src/service/queries/access-queries.js";
import { catalog, sequentialIds, setupWorld } from "../_harness.js";

/** A password that passes the policy. */
export const GOOD_PASSWORD = "correct horse battery";

/** Sets up the harness world with the onboarding commands on a context over its store. */
export async function setupOnboardingWorld(options: { readonly settings?: SettingsInput } = {}) {
  const world = await setupWorld(options.settings === undefined ? {} : { settings: options.settings });
  const links: LinkRequest[] = [];
  const base = sequentialIds();
  const hasher = createScryptPasswordHasher({ cost: 2 ** 10 });
  const context = createServiceContext({
    catalog,
    store: world.store,
    clock: world.clock,
    // Ids of their own (`usr_onb1`), so they never collide with those the harness's service hands out.
    ids: { next: (kind) => base.next(kind).replace("_", "_onb") },
    hasher,
    settings: options.settings ?? {},
    links: (link) => {
      links.push(link);
      return `https://app.example/${link.purpose}?token=${link.secret}`;
    },
  }, NODE_DEFAULTS);
  const access = accessQueries(context);

  /** The secret of the newest link the service built: "clicking" it. */
  const lastSecret = (): string => {
    const link = links.at(-1);
    if (link === undefined) throw new Error("No link was built.");
    return link.secret;
  };

  /** The mails queued for an organization, oldest first, as the outbox lists them. */
  const outbox = async (organizationId: OrganizationId) =>
    (await world.store.transaction(async (tx) => ok(await tx.outbox.list(organizationId))))._unsafeUnwrap();

  /** The user as stored now, or `null`. */
  const current = (user: Pick<User, "id">): User | null => world.store.snapshot().users.find((stored) => stored.id === user.id) ?? null;

  /** The roles a user holds directly, as `role@kind:id`. */
  const rolesOf = (user: Pick<User, "id">): string[] =>
    world.store
      .snapshot()
      .assignments.filter((assignment) => assignment.principal.type === "user" && assignment.principal.id === user.id)
      .map((assignment) => `${assignment.role}@${assignment.scope.kind}:${assignment.scope.id}`)
      .sort();

  /** The permissions a user holds in an organization (or a scope in it) now, as the service answers it. */
  const permissionsOf = async (user: Pick<User, "id" | "organizationId">, scope?: { kind: string; id: string }) =>
    (
      await access.effective({ organizationId: user.organizationId, userId: user.id }, { organizationId: user.organizationId, ...(scope === undefined ? {} : { scope }) })
    )
      ._unsafeUnwrap()
      .list();

  /** How a sign-in with this password would end now (the sign-in rules over the stored user and credential). */
  const signIn = async (user: Pick<User, "id" | "organizationId">, password: string) => {
    const snapshot = world.store.snapshot();
    const stored = snapshot.users.find((candidate) => candidate.id === user.id) ?? null;
    const credential = snapshot.credentials.find((candidate) => candidate.userId === user.id) ?? null;
    const matches = credential?.passwordHash == null ? false : await hasher.verify(credential.passwordHash, password);
    return decideSignIn({ user: stored, credential, passwordMatches: matches, now: world.clock.now(), settings: context.settings }).outcome;
  };

  /**
   * Runs a command that must be refused: checks its error against `expected`, and that the store
   * (audit log and outbox included) is exactly as before.
   */
  const expectRefused = async <T>(run: () => ResultAsync<T, TenureError>, expected: Record<string, unknown>): Promise<TenureError> => {
    const before = world.store.snapshot();
    const result = await run();
    expect(result.isErr(), "the command must be refused").toBe(true);
    const error = result._unsafeUnwrapErr();
    expect(error).toMatchObject(expected);
    expect(world.store.snapshot()).toEqual(before);
    return error;
  };

  return {
    ...world,
    context,
    hasher,
    onboarding: onboardingCommands(context),
    access,
    /** Every link the onboarding commands built, newest last. */
    links,
    lastSecret,
    outbox,
    current,
    rolesOf,
    permissionsOf,
    signIn,
    expectRefused,
  };
}

/** The world type, for helpers in test files. */
export type OnboardingWorld = Awaited<ReturnType<typeof setupOnboardingWorld>>;
