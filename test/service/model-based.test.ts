/**
 * Model-based test of the whole service: random sequences of commands by random actors against the
 * in-memory store, checking after every step the invariants the lifecycle issue names.
 */
import fc from "fast-check";
import type { ResultAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { effectiveStatus, type Actor, type Group, type MemoryStoreSnapshot, type OrganizationId, type User } from "tenure";
import { catalog, setupWorld, type World } from "./_harness.js";

interface Real {
  readonly world: World;
  readonly users: User[];
  readonly group: Group;
  /** Successful commands that promised one audit event each, per organization. */
  expectedAudit: Map<OrganizationId, number>;
  /** Mails the successful commands promised. */
  expectedMails: number;
  /** How many users were invited so far (for unique names). */
  invited: number;
}
type Model = Record<string, never>;

const snapshotOf = (real: Real): MemoryStoreSnapshot => real.world.store.snapshot();
const userAt = (real: Real, index: number): User => real.users[index % real.users.length] as User;
const actorAt = (real: Real, index: number): Actor => real.world.as(userAt(real, index));

/** Reads a user as stored now (or null once deleted). */
async function stored(real: Real, user: User): Promise<User | null> {
  return real.world.store.snapshot().users.find((candidate) => candidate.id === user.id) ?? null;
}

/** How many steps succeeded and failed over the whole run: both must be many, or the test proves little. */
const tally = { succeeded: 0, failed: 0 };

/** Runs a command; on failure the store must be unchanged; on success one audit event is expected. */
async function step(real: Real, organizationId: OrganizationId, run: () => ResultAsync<unknown, unknown>, mails = 0): Promise<boolean> {
  const before = snapshotOf(real);
  const outcome = await run();
  tally[outcome.isOk() ? "succeeded" : "failed"] += 1;
  if (outcome.isOk()) {
    real.expectedAudit.set(organizationId, (real.expectedAudit.get(organizationId) ?? 0) + 1);
    real.expectedMails += mails;
  } else {
    expect(snapshotOf(real)).toEqual(before);
  }
  return outcome.isOk();
}

/** The invariants checked after every step. */
async function checkInvariants(real: Real): Promise<void> {
  const { world } = real;
  const now = world.clock.now();
  const snapshot = snapshotOf(real);
  for (const organization of [world.partner, world.customer]) {
    const members = snapshot.users.filter((user) => user.organizationId === organization.id);
    let admins = 0;
    for (const user of members) {
      const permissions = (await world.tenure.access.effective({ organizationId: user.organizationId, userId: user.id }, { organizationId: organization.id }))._unsafeUnwrap();
      const active = effectiveStatus(user.account, now) === "active";
      // Removed, blocked, de-activated and pending users hold nothing.
      if (!active) expect(permissions.list()).toEqual([]);
      if (active && permissions.has(catalog.spec.administration.manageUsers)) admins += 1;
    }
    // Every organization keeps an admin.
    expect(admins).toBeGreaterThan(0);
    // Audit events = successful commands.
    const events = snapshot.auditEvents.filter((event) => event.organizationId === organization.id && event.action !== "organization.created");
    expect(events.length).toBe(real.expectedAudit.get(organization.id) ?? 0);
  }
  // The outbox holds exactly the mails promised.
  expect(snapshot.outbox.length).toBe(real.expectedMails);
}

/**
 * Runs a command whose traces depend on facts a caller must not learn (sign-in, forgot password): it may
 * write at most one audit event and, for each, at most one mail; the expectations follow what it wrote.
 */
async function measured(real: Real, organizationId: OrganizationId, run: () => ResultAsync<unknown, unknown>): Promise<boolean> {
  const before = snapshotOf(real);
  const outcome = await run();
  const after = snapshotOf(real);
  const audited = after.auditEvents.length - before.auditEvents.length;
  const mailed = after.outbox.length - before.outbox.length;
  expect(audited).toBeLessThanOrEqual(1);
  expect(mailed).toBeLessThanOrEqual(audited);
  if (outcome.isOk()) tally.succeeded += 1;
  else tally.failed += 1;
  real.expectedAudit.set(organizationId, (real.expectedAudit.get(organizationId) ?? 0) + audited);
  real.expectedMails += mailed;
  return outcome.isOk();
}

type Command = fc.AsyncCommand<Model, Real>;
const command = (name: string, run: (real: Real) => Promise<void>): Command => ({
  check: () => true,
  run: async (_model, real) => {
    await run(real);
    await checkInvariants(real);
  },
  toString: () => name,
});

const block = (actor: number, target: number, permanent: boolean) =>
  command(`block(${actor} → ${target}${permanent ? ", for good" : ""})`, async (real) => {
    const user = await stored(real, userAt(real, target));
    if (user === null) return;
    await step(real, user.organizationId, () =>
      real.world.tenure.accounts.block(actorAt(real, actor), {
        organizationId: user.organizationId, userId: user.id, expectedVersion: user.version,
        until: permanent ? null : new Date(real.world.clock.now().getTime() + 3_600_000), reason: null,
      }),
    );
  });

const simple = (name: "unblock" | "deactivate" | "reactivate") => (actor: number, target: number) =>
  command(`${name}(${actor} → ${target})`, async (real) => {
    const user = await stored(real, userAt(real, target));
    if (user === null) return;
    await step(real, user.organizationId, () =>
      real.world.tenure.accounts[name](actorAt(real, actor), { organizationId: user.organizationId, userId: user.id, expectedVersion: user.version }),
    );
  });

const remove = (actor: number, target: number, keepProfile: boolean) =>
  command(`remove(${actor} → ${target}, keep ${keepProfile})`, async (real) => {
    const user = await stored(real, userAt(real, target));
    if (user === null) return;
    await step(real, user.organizationId, () =>
      real.world.tenure.accounts.remove(actorAt(real, actor), {
        organizationId: user.organizationId, userId: user.id, expectedVersion: user.version, data: { mode: "delete" }, keepProfile,
      }),
    );
  });

const grant = (actor: number, target: number, role: "company_admin" | "editor" | "member") =>
  command(`grant(${actor} → ${target}: ${role})`, async (real) => {
    const user = await stored(real, userAt(real, target));
    const acting = userAt(real, actor);
    if (user === null) return;
    const actorHeld = (await real.world.tenure.access.effective({ organizationId: acting.organizationId, userId: acting.id }, { organizationId: user.organizationId }))
      .map((permissions) => permissions.list())
      .unwrapOr([] as string[]);
    const ok = await step(real, user.organizationId, () =>
      real.world.tenure.roles.grant(actorAt(real, actor), { organizationId: user.organizationId, principal: { type: "user", id: user.id }, role }),
    );
    // Nobody holds a permission their actor could not grant.
    if (ok) for (const permission of catalog.permissionsOf(role)) expect(actorHeld).toContain(permission);
  });

const revoke = (actor: number, pick: number) =>
  command(`revoke(${actor}, assignment #${pick})`, async (real) => {
    const assignments = snapshotOf(real).assignments;
    const assignment = assignments[pick % Math.max(1, assignments.length)];
    if (assignment === undefined) return;
    await step(real, assignment.organizationId, () =>
      real.world.tenure.roles.revoke(actorAt(real, actor), { organizationId: assignment.organizationId, assignmentId: assignment.id }),
    );
  });

const membership = (actor: number, target: number, add: boolean) =>
  command(`${add ? "add to" : "remove from"} group(${actor} → ${target})`, async (real) => {
    const group = snapshotOf(real).groups.find((candidate) => candidate.id === real.group.id);
    const user = await stored(real, userAt(real, target));
    if (group === undefined || user === null) return;
    const input = { organizationId: group.organizationId, groupId: group.id, expectedVersion: group.version, userIds: [user.id] };
    await step(real, group.organizationId, () =>
      add ? real.world.tenure.groups.addMembers(actorAt(real, actor), input) : real.world.tenure.groups.removeMembers(actorAt(real, actor), input),
    );
  });

const invite = (actor: number, organization: number, send: boolean, withRoles: boolean) =>
  command(`invite(${actor} into org #${organization}, send ${send}, exact roles ${withRoles})`, async (real) => {
    const target = organization % 2 === 0 ? real.world.partner : real.world.customer;
    real.invited += 1;
    const name = `guest${real.invited}`;
    const ok = await step(
      real,
      target.id,
      () =>
        real.world.tenure.onboarding.invite(actorAt(real, actor), {
          organizationId: target.id,
          user: { username: name, fullName: `Guest ${real.invited}`, email: `${name}@example.com` },
          ...(withRoles ? { roles: [{ role: "editor" as const }] } : {}),
          sendInvitation: send,
        }),
      send ? 1 : 0,
    );
    if (ok) {
      const invited = snapshotOf(real).users.find((user) => user.username === name && user.organizationId === target.id);
      if (invited !== undefined) {
        real.users.push(invited);
        // At no instant does a user invited with exact roles hold a default role.
        const roles = snapshotOf(real).assignments.filter((assignment) => assignment.principal.id === invited.id).map((assignment) => assignment.role);
        expect(roles).toEqual(withRoles ? ["editor"] : catalog.defaultRoles);
      }
    }
  });

const accept = (pick: number) =>
  command(`accept(link #${pick})`, async (real) => {
    const invitations = real.world.links.filter((link) => link.purpose === "invitation");
    const link = invitations[pick % Math.max(1, invitations.length)];
    if (link === undefined) return;
    const input = { secret: link.secret, password: "a long enough passphrase" };
    const first = await step(real, link.organizationId, () => real.world.tenure.onboarding.acceptInvitation(input));
    // Every token works at most once.
    const again = await step(real, link.organizationId, () => real.world.tenure.onboarding.acceptInvitation(input));
    expect(again).toBe(false);
    void first;
  });

const signIn = (target: number, right: boolean) =>
  command(`signIn(${target}, ${right ? "right" : "wrong"} password)`, async (real) => {
    const user = userAt(real, target);
    const ok = await measured(real, user.organizationId, () =>
      real.world.tenure.credentials.signIn({ organizationId: user.organizationId, login: user.username, password: right ? `${user.username}-password` : "not the password" }),
    );
    if (ok) expect(effectiveStatus((await stored(real, user))?.account ?? { status: "removed", at: new Date(0) }, real.world.clock.now())).toBe("active");
  });

const forgot = (target: number, known: boolean) =>
  command(`forgotPassword(${known ? target : "nobody"})`, async (real) => {
    const user = userAt(real, target);
    const outcome = await measured(real, user.organizationId, () =>
      real.world.tenure.credentials.forgotPassword({ organizationId: user.organizationId, login: known ? user.email : "nobody@example.com" }),
    );
    // The answer never reveals whether the address exists.
    expect(outcome).toBe(true);
  });

const elapse = (minutes: number) =>
  command(`wait ${minutes} min`, async (real) => {
    real.world.clock.advance(minutes * 60_000);
  });

const index = fc.nat({ max: 8 });
const commands = fc.commands(
  [
    fc.tuple(index, index, fc.boolean()).map(([a, t, p]) => block(a, t, p)),
    fc.tuple(index, index).map(([a, t]) => simple("unblock")(a, t)),
    fc.tuple(index, index).map(([a, t]) => simple("deactivate")(a, t)),
    fc.tuple(index, index).map(([a, t]) => simple("reactivate")(a, t)),
    fc.tuple(index, index, fc.boolean()).map(([a, t, k]) => remove(a, t, k)),
    fc.tuple(index, index, fc.constantFrom("company_admin" as const, "editor" as const, "member" as const)).map(([a, t, r]) => grant(a, t, r)),
    fc.tuple(index, fc.nat({ max: 20 })).map(([a, p]) => revoke(a, p)),
    fc.tuple(index, index, fc.boolean()).map(([a, t, add]) => membership(a, t, add)),
    fc.tuple(index, fc.nat({ max: 1 }), fc.boolean(), fc.boolean()).map(([a, o, send, roles]) => invite(a, o, send, roles)),
    fc.nat({ max: 5 }).map(accept),
    fc.tuple(fc.nat({ max: 12 }), fc.boolean()).map(([t, right]) => signIn(t, right)),
    fc.tuple(fc.nat({ max: 12 }), fc.boolean()).map(([t, known]) => forgot(t, known)),
    fc.integer({ min: 1, max: 120 }).map(elapse),
  ],
  { maxCommands: 16 },
);

describe("model-based: random command sequences by random actors", () => {
  it("keep every invariant after every step", async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const world = await setupWorld();
        const ann = await world.seedUser(world.partner.id, "ann", [{ role: "editor" }]);
        const bob = await world.seedUser(world.partner.id, "bob", [{ role: "company_admin" }]);
        const cid = await world.seedUser(world.customer.id, "cid");
        const group = (await world.tenure.groups.create(world.as(world.partnerAdmin), { organizationId: world.partner.id, name: "Editors", colour: "#336699" }))._unsafeUnwrap();
        const real: Real = {
          world,
          users: [world.partnerAdmin, ann, bob, world.customerAdmin, cid, world.operator],
          group,
          expectedAudit: new Map([[world.partner.id, 1]]),
          expectedMails: 0,
          invited: 0,
        };
        await checkInvariants(real);
        await fc.asyncModelRun(() => ({ model: {}, real }), sequence);
      }),
      // About one step in three succeeds: 40 runs give 45 to 70 successes, well above the floor below.
      { numRuns: 40 },
    );
    expect(tally.succeeded).toBeGreaterThan(20);
    expect(tally.failed).toBeGreaterThan(20);
  }, 120_000);
});
