import { ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import { setupWorld } from "../_harness.js";

const enabled = { thirdParty: { enabled: true, maxAccessDays: 90 }, timeZone: "Europe/Berlin" } as const;

describe("third-party users (zoned workspace)", () => {
  it("converting a user sets the end of access to the configured maximum; the date can be moved within it", async () => {
    const world = await setupWorld({ settings: enabled });
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const made = (await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, change: { type: "make" },
    }))._unsafeUnwrap();
    // 2 March 2026 + 90 calendar days: access through 31 May, ending at local midnight (Berlin, summer time).
    expect(made).toMatchObject({ thirdParty: true, accessExpiresAt: new Date("2026-05-31T22:00:00Z") });
    const moved = (await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: made.version, change: { type: "move", lastDay: "2026-04-15" },
    }))._unsafeUnwrap();
    expect(moved.accessExpiresAt).toEqual(new Date("2026-04-15T22:00:00Z"));
    expect(await world.tenure.access.can({ organizationId: world.partner.id, userId: ann.id }, "documents.view", { organizationId: world.partner.id })).toBe(true);
  });

  it("a date beyond the maximum is refused with an error naming the latest allowed day, and nothing changes", async () => {
    const world = await setupWorld({ settings: enabled });
    const ann = await world.seedUser(world.partner.id, "ann");
    const before = world.store.snapshot();
    const refused = await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, change: { type: "make", lastDay: "2026-09-01" },
    });
    const error = refused._unsafeUnwrapErr();
    expect(error).toMatchObject({ code: "validation", field: "change.lastDay" });
    expect(error.message).toContain("2026-05-31");
    expect(world.store.snapshot()).toEqual(before);
  });

  it("clearing the date de-activates the user at once: no permissions, and the log says so", async () => {
    const world = await setupWorld({ settings: enabled });
    const ann = await world.seedUser(world.partner.id, "ann", [{ role: "member" }]);
    const made = (await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, change: { type: "make" } }))._unsafeUnwrap();
    expect(await world.tenure.access.can({ organizationId: world.partner.id, userId: ann.id }, "documents.view", { organizationId: world.partner.id })).toBe(true);
    const cleared = (await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, expectedVersion: made.version, change: { type: "clear" } }))._unsafeUnwrap();
    expect(cleared).toMatchObject({ accessExpiresAt: null, account: { status: "deactivated", reason: "access_cleared" } });
    expect(await world.tenure.access.can({ organizationId: world.partner.id, userId: ann.id }, "documents.view", { organizationId: world.partner.id })).toBe(false);
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({ action: "user.third_party_cleared", after: { account: { status: "deactivated" } } });
  });

  it("with third-party management off, nothing changes", async () => {
    const world = await setupWorld();
    const ann = await world.seedUser(world.partner.id, "ann");
    const refused = await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id, expectedVersion: ann.version, change: { type: "make" } });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "third_party_disabled" });
  });

  it("several users are extended at once within the maximum, or none is", async () => {
    const world = await setupWorld({ settings: enabled });
    const users = [await world.seedUser(world.partner.id, "ann"), await world.seedUser(world.partner.id, "bob")];
    for (const user of users) {
      (await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: user.id, expectedVersion: user.version, change: { type: "make", lastDay: "2026-03-20" } }))._unsafeUnwrap();
    }
    const regular = await world.seedUser(world.partner.id, "cid");
    const before = world.store.snapshot();
    const mixed = await world.tenure.thirdParty.extend(world.as(world.partnerAdmin), { organizationId: world.partner.id, userIds: [users[0]!.id, regular.id], lastDay: "2026-05-01" });
    expect(mixed._unsafeUnwrapErr()).toMatchObject({ code: "validation", issues: [expect.objectContaining({ field: "userIds.1" })] });
    expect(world.store.snapshot()).toEqual(before);
    const extended = (await world.tenure.thirdParty.extend(world.as(world.partnerAdmin), { organizationId: world.partner.id, userIds: users.map((user) => user.id), lastDay: "2026-05-01" }))._unsafeUnwrap();
    expect(extended.map((user) => user.accessExpiresAt)).toEqual([new Date("2026-05-01T22:00:00Z"), new Date("2026-05-01T22:00:00Z")]);
    const beyond = await world.tenure.thirdParty.extend(world.as(world.partnerAdmin), { organizationId: world.partner.id, userIds: users.map((user) => user.id), lastDay: "2026-06-30" });
    expect(beyond._unsafeUnwrapErr().code).toBe("validation");
  });
});

describe("welcome messages", () => {
  it("regular and third-party users get their own template, with the username and a set-password link, never a password", async () => {
    const world = await setupWorld({ settings: enabled });
    const ann = await world.seedUser(world.partner.id, "ann");
    const bob = await world.seedUser(world.partner.id, "bob", [], { invitedBy: world.partnerAdmin.id });
    (await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: bob.id, expectedVersion: bob.version, change: { type: "make" } }))._unsafeUnwrap();
    const regular = (await world.tenure.thirdParty.sendWelcome(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: ann.id }))._unsafeUnwrap();
    const thirdParty = (await world.tenure.thirdParty.sendWelcome(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: bob.id, message: "Glad to have you." }))._unsafeUnwrap();
    expect(regular).toMatchObject({ template: "welcome", to: ann.email });
    expect(thirdParty).toMatchObject({ template: "welcome_third_party", to: bob.email });
    expect(JSON.stringify([regular, thirdParty])).not.toMatch(/token=/);
    const outbox = (await world.store.transaction(async (tx) => ok(await tx.outbox.list(world.partner.id))))._unsafeUnwrap();
    expect(outbox.map((mail) => mail.template)).toEqual(["welcome", "welcome_third_party"]);
    const stored = (sent: { readonly mailId: string }) => outbox.find((mail) => mail.id === sent.mailId);
    for (const [sent, user, link] of [[regular, ann, world.links.at(-2)], [thirdParty, bob, world.links.at(-1)]] as const) {
      const mail = stored(sent);
      expect(mail?.text).toContain(user.username);
      expect(mail?.text).toContain(link?.secret ?? "missing");
      expect(mail?.text).not.toContain(`${user.username}-password`);
      expect(sent.expiresAt.getTime()).toBeGreaterThan(world.clock.now().getTime());
    }
    expect(stored(thirdParty)?.text).toContain("Glad to have you.");
  });

  it("is not available for a de-activated third-party user", async () => {
    const world = await setupWorld({ settings: enabled });
    const bob = await world.seedUser(world.partner.id, "bob");
    const made = (await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: bob.id, expectedVersion: bob.version, change: { type: "make" } }))._unsafeUnwrap();
    (await world.tenure.thirdParty.setAccess(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: bob.id, expectedVersion: made.version, change: { type: "clear" } }))._unsafeUnwrap();
    const refused = await world.tenure.thirdParty.sendWelcome(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: bob.id });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state", state: "deactivated" });
  });
});
