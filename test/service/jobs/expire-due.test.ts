/**
 * The expiry sweep (manual: "de-activated after the date"; "When a third party user expiration date
 * passes, an e-mail will be sent to System Admin"), on the in-memory store through the internal context.
 */
import { createTestStore } from "../_test-store.js";
import { ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import {
  createManualClock,
  PLATFORM_SCOPE,
  systemActor,
  type Organization,
  type OrganizationId,
  type ScopeRef,
  type SettingsInput,
  type User,
  type UserId,
} from "tenure";
import { organizationTarget } from "../../../src/access/access-target.js";
import { createOrganization } from "../../../src/service/commands/organizations/create-organization.js";
import { expireDue } from "../../../src/service/jobs/expire-due.js";
import { loadSubject } from "../../../src/service/_internal/load-access.js";
import { seedUserInto } from "../_seed-user.js";
import { createServiceContext } from "../../../src/service/_internal/service-context.js";
import { NODE_DEFAULTS } from "../../../src/create-tenure.js";
import { catalog, sequentialIds } from "../_harness.js";
import { TEST_STORE } from "../_test-store.js";

const DAY = 86_400_000;
const START = new Date("2026-03-02T09:00:00Z");

async function setup(settings: SettingsInput = { thirdParty: { enabled: true } }) {
  const clock = createManualClock(START);
  const store = await createTestStore();
  const context = createServiceContext({ catalog, store, clock, ids: sequentialIds(), settings, links: () => "https://app.example/link" }, NODE_DEFAULTS);
  const newOrganization = async (name: string): Promise<Organization> =>
    (await createOrganization(context, systemActor("setup"), { name, partnerId: null }))._unsafeUnwrap();
  const acme = await newOrganization("Acme");
  const globex = await newOrganization("Globex");

  /** Puts an active user with roles straight into the store (set-up only). */
  const seedUser = (
    organizationId: OrganizationId,
    username: string,
    roles: readonly { role: string; scope?: ScopeRef }[] = [],
    overrides: Partial<User> = {},
  ): Promise<User> => seedUserInto(store, clock, { organizationId, username, roles, overrides });

  // Acme has a system admin and a user admin; Globex only a user admin (the digest falls back to them).
  const sysadmin = await seedUser(acme.id, "sysadmin", [{ role: "system_admin", scope: PLATFORM_SCOPE }]);
  const acmeAdmin = await seedUser(acme.id, "acmeadmin", [{ role: "company_admin" }]);
  const globexAdmin = await seedUser(globex.id, "globexadmin", [{ role: "company_admin" }]);

  /** A third-party member whose access ends `days` after the start, invited by `sponsor`. */
  const guest = (organizationId: OrganizationId, username: string, days: number, sponsor: User | null = null, overrides: Partial<User> = {}) =>
    seedUser(organizationId, username, [{ role: "member" }], {
      thirdParty: true,
      accessExpiresAt: new Date(START.getTime() + days * DAY),
      invitedBy: sponsor?.id ?? null,
      ...overrides,
    });

  const mails = (template?: string) => store.snapshot().outbox.filter((mail) => template === undefined || mail.template === template);
  const events = (action: string) => store.snapshot().auditEvents.filter((event) => event.action === action);
  const user = (id: UserId) => store.snapshot().users.find((candidate) => candidate.id === id) as User;
  const holds = async (target: User, permission: string): Promise<boolean> => {
    const organization = target.organizationId === acme.id ? acme : globex;
    const loaded = await store.transaction(async (tx) => ok(await loadSubject(tx, target.organizationId, target.id)));
    const subject = loaded._unsafeUnwrap();
    return subject !== null && context.access.effective(subject.subject, organizationTarget(organization), clock.now()).has(permission as never);
  };
  return { clock, store, context, acme, globex, sysadmin, acmeAdmin, globexAdmin, seedUser, guest, mails, events, user, holds };
}

describe("expireDue", () => {
  it("de-activates every third-party user past the date; they hold nothing; one audit event each", async () => {
    const w = await setup();
    const ann = await w.guest(w.acme.id, "ann", 1, w.acmeAdmin);
    const bob = await w.guest(w.acme.id, "bob", 2, null, { account: { status: "blocked", until: null, reason: null } });
    const cid = await w.guest(w.globex.id, "cid", 1);
    const open = await w.guest(w.acme.id, "open", 30);
    const regular = await w.seedUser(w.acme.id, "regular", [{ role: "member" }], { accessExpiresAt: new Date(START.getTime() + DAY) });
    expect(await w.holds(ann, "documents.view")).toBe(true);

    w.clock.advance(3 * DAY);
    const report = await expireDue(w.context);

    expect(report.conflicts).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.expired).toEqual(
      [
        { organizationId: w.acme.id, userId: ann.id },
        { organizationId: w.acme.id, userId: bob.id },
        { organizationId: w.globex.id, userId: cid.id },
      ].sort((a, b) => (a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0)),
    );
    for (const expired of [ann, bob, cid]) {
      expect(w.user(expired.id).account).toEqual({ status: "deactivated", reason: "access_expired" });
      expect(await w.holds(w.user(expired.id), "documents.view")).toBe(false);
      const audited = w.events("user.access_expired").filter((event) => event.target.id === expired.id);
      expect(audited).toHaveLength(1);
      expect(audited[0]?.actor).toEqual({ type: "system", name: "expiry-sweep" });
      expect(audited[0]?.after).toEqual({ account: { status: "deactivated", reason: "access_expired" } });
    }
    expect(w.user(open.id)).toEqual(open);
    expect(w.user(regular.id)).toEqual(regular);
    expect(await w.holds(open, "documents.view")).toBe(true);
  });

  it("sends one digest per organization per run to its system admins, else its user admins, listing who expired", async () => {
    const w = await setup();
    await w.guest(w.acme.id, "ann", 1);
    await w.guest(w.acme.id, "bob", 1);
    await w.guest(w.globex.id, "cid", 1);
    w.clock.advance(2 * DAY);
    await expireDue(w.context, { batchSize: 1 });
    const digests = w.mails("expiry_digest");
    expect(digests.map((mail) => mail.to.address).sort()).toEqual(["globexadmin@example.com", "sysadmin@example.com"]);
    const acmeDigest = digests.find((mail) => mail.organizationId === w.acme.id);
    expect(acmeDigest?.text).toContain("Ann Test (ann)");
    expect(acmeDigest?.text).toContain("Bob Test (bob)");
    expect(digests.find((mail) => mail.organizationId === w.globex.id)?.text).toContain("Cid Test (cid)");
  });

  it("is idempotent: a second run changes nothing and sends nothing", async () => {
    const w = await setup();
    await w.guest(w.acme.id, "ann", 1);
    w.clock.advance(2 * DAY);
    expect((await expireDue(w.context)).expired).toHaveLength(1);
    const before = w.store.snapshot();
    const again = await expireDue(w.context);
    expect(again).toEqual({ expired: [], reminded: 0, conflicts: 0, errors: [] });
    expect(w.store.snapshot()).toEqual(before);
  });

  it("two sweeps started together expire and notify each user exactly once", async () => {
    const w = await setup();
    const guests = await Promise.all(["ann", "bob", "cid", "dan"].map((name, index) => w.guest(w.acme.id, name, 1 + index / 10)));
    await w.guest(w.acme.id, "eve", 10, w.acmeAdmin); // due for the 14-day reminder
    w.clock.advance(2 * DAY);
    const [first, second] = await Promise.all([expireDue(w.context, { batchSize: 2 }), expireDue(w.context, { batchSize: 3 })]);
    // On the memory store they collide (conflicts, retried); on PostgreSQL they claim disjoint batches
    // (FOR UPDATE SKIP LOCKED) or, on PGlite, run one after the other. Either way: each user once.
    if (TEST_STORE === "memory") expect(first.conflicts + second.conflicts).toBeGreaterThan(0);
    const expired = [...first.expired, ...second.expired].map((entry) => entry.userId).sort();
    expect(expired).toEqual(guests.map((guest) => guest.id).sort());
    expect(first.reminded + second.reminded).toBe(1);
    expect(w.events("user.access_expired")).toHaveLength(4);
    expect(w.events("user.access_reminder_sent")).toHaveLength(1);
    expect(w.mails("expiry_reminder")).toHaveLength(1);
    const listed = w.mails("expiry_digest").flatMap((mail) => guests.filter((guest) => mail.text.includes(`(${guest.username})`)));
    expect(listed.map((guest) => guest.id).sort()).toEqual(guests.map((guest) => guest.id).sort());
  });

  it("reminds the sponsor 14 and 3 days ahead, once each; moving the date makes them due again", async () => {
    const w = await setup();
    const ann = await w.guest(w.acme.id, "ann", 20, w.acmeAdmin);
    const reminders = () => w.mails("expiry_reminder");

    expect((await expireDue(w.context)).reminded).toBe(0);
    w.clock.advance(7 * DAY); // 13 days left
    expect((await expireDue(w.context)).reminded).toBe(1);
    expect(reminders().map((mail) => mail.to.address)).toEqual(["acmeadmin@example.com"]);
    expect(w.user(ann.id).version).toBe(ann.version + 1);
    expect((await expireDue(w.context)).reminded).toBe(0);
    w.clock.advance(5 * DAY); // 8 days left
    expect((await expireDue(w.context)).reminded).toBe(0);
    w.clock.advance(6 * DAY); // 2 days left
    expect((await expireDue(w.context)).reminded).toBe(1);
    expect((await expireDue(w.context)).reminded).toBe(0);
    expect(reminders()).toHaveLength(2);

    // The sponsor moves the date 10 days on: the 14-day reminder is due again for the new date.
    const current = w.user(ann.id);
    await w.store.transaction((tx) => tx.users.update({ ...current, accessExpiresAt: new Date((current.accessExpiresAt as Date).getTime() + 10 * DAY) }));
    expect((await expireDue(w.context)).reminded).toBe(1);
    expect((await expireDue(w.context)).reminded).toBe(0);
    expect(reminders()).toHaveLength(3);
  });

  it("reminds the admins when the sponsor is no longer active", async () => {
    const w = await setup();
    const gone = await w.seedUser(w.acme.id, "gone", [{ role: "company_admin" }], { account: { status: "deactivated", reason: "admin" } });
    await w.guest(w.acme.id, "ann", 3, gone);
    expect((await expireDue(w.context)).reminded).toBe(1);
    expect(w.mails("expiry_reminder").map((mail) => mail.to.address)).toEqual(["sysadmin@example.com"]);
  });

  it("does nothing where third-party management is disabled", async () => {
    const w = await setup({});
    await w.guest(w.acme.id, "ann", 1);
    await w.guest(w.acme.id, "bob", 5);
    w.clock.advance(2 * DAY);
    const before = w.store.snapshot();
    expect(await expireDue(w.context)).toEqual({ expired: [], reminded: 0, conflicts: 0, errors: [] });
    expect(w.store.snapshot()).toEqual(before);
  });

  it("malformed options are a validation error in the report, and nothing runs; a batch size out of range is brought within it", async () => {
    const w = await setup();
    await w.guest(w.acme.id, "ann", 1);
    w.clock.advance(2 * DAY);
    const before = w.store.snapshot();
    const malformed: [unknown, string][] = [
      [null, ""],
      ["soon", ""],
      [{ now: new Date(Number.NaN) }, "now"],
      [{ now: "2026-03-05" }, "now"],
      [{ batchSize: Number.POSITIVE_INFINITY }, "batchSize"],
      [{ get now(): never { throw new Error("getter"); } }, "now"],
    ];
    for (const [options, field] of malformed) {
      const report = await expireDue(w.context, options as never);
      expect(report).toMatchObject({ expired: [], reminded: 0, conflicts: 0 });
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatchObject({ code: "validation", field });
    }
    expect(w.store.snapshot()).toEqual(before);
    const report = await expireDue(w.context, { batchSize: Number.MAX_VALUE });
    expect(report.errors).toEqual([]);
    expect(report.expired).toHaveLength(1);
  });
});
