import { describe, expect, it } from "vitest";
import { createMemoryMailer, deliverOutbox } from "tenure";
import { GOOD_PASSWORD, setupOnboardingWorld } from "./_world.js";

describe("onboarding end to end: invite, deliver the mail, accept through its link, sign in", () => {
  it("the invited user reads the delivered mail, follows its link, chooses a password, and may sign in", async () => {
    const world = await setupOnboardingWorld();
    const mailer = createMemoryMailer();
    const invited = (
      await world.onboarding.invite(world.as(world.partnerAdmin), {
        organizationId: world.partner.id,
        user: { username: "ann", fullName: "Ann Lee", email: "ann@example.org" },
        roles: [{ role: "editor" }],
        message: "See you on Monday.",
      })
    )._unsafeUnwrap();
    // Nothing reaches the mailer inside the command: the mail waits in the outbox until delivery.
    expect(mailer.sent).toEqual([]);
    const report = await deliverOutbox({ store: world.store, mailer, clock: world.clock });
    expect(report).toMatchObject({ claimed: 1, sent: 1, dead: 0 });
    const [mail] = mailer.sent;
    expect(mail).toMatchObject({ template: "invitation", to: { address: "ann@example.org", name: "Ann Lee" } });
    expect(mail?.text).toContain("See you on Monday.");

    const link = /https:\/\/app\.example\/invitation\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "");
    const secret = link?.[1];
    expect(secret).toBeDefined();
    // Asked before accepting, so the answer is cached: accepting must make it stale.
    expect(await world.access.can({ organizationId: world.partner.id, userId: invited.user.id }, "documents.edit", { organizationId: world.partner.id })).toBe(false);
    expect((await world.signIn(invited.user, GOOD_PASSWORD)).isErr()).toBe(true);

    const accepted = (await world.onboarding.acceptInvitation({ secret: secret ?? "", password: GOOD_PASSWORD }))._unsafeUnwrap();
    expect(accepted.account).toEqual({ status: "active" });
    expect((await world.signIn(accepted, GOOD_PASSWORD)).isOk()).toBe(true);
    expect((await world.signIn(accepted, "not the password"))._unsafeUnwrapErr()).toMatchObject({ reason: "invalid_credentials" });
    expect(await world.access.can({ organizationId: world.partner.id, userId: accepted.id }, "documents.edit", { organizationId: world.partner.id })).toBe(true);
    expect((await world.outbox(world.partner.id)).map((queued) => queued.status)).toEqual(["sent"]);
  });
});
