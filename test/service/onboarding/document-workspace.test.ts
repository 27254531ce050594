import { describe, expect, it } from "vitest";
import { GOOD_PASSWORD, setupOnboardingWorld } from "./_world.js";

describe("document workspace: the invitation screen", () => {
  it("an invitation carries a role, workflow access and a personal message; the mail shows the message, escaped in HTML", async () => {
    const world = await setupOnboardingWorld();
    const message = "Hi <b>Ann</b> & welcome!\nThe \"Q3\" folder is yours.";
    const invited = (
      await world.onboarding.invite(world.as(world.partnerAdmin), {
        organizationId: world.partner.id,
        user: { username: "ann", fullName: "Ann Lee", email: "ann@example.org", audience: "external", workflowAccess: true },
        roles: [{ role: "editor" }],
        message,
      })
    )._unsafeUnwrap();
    expect(invited.user).toMatchObject({ workflowAccess: true, audience: "external" });
    expect(invited.invitation).toMatchObject({ message, roles: [{ role: "editor", scope: { kind: "organization", id: world.partner.id } }] });

    const [mail] = await world.outbox(world.partner.id);
    expect(mail).toMatchObject({ template: "invitation", to: { address: "ann@example.org", name: "Ann Lee" } });
    expect(mail?.text).toContain(message);
    expect(mail?.html).toContain("Hi &lt;b&gt;Ann&lt;/b&gt; &amp; welcome!");
    expect(mail?.html).toContain("&quot;Q3&quot;");
    expect(mail?.html).not.toContain("<b>Ann</b>");
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({ action: "user.invited", details: { personalMessage: true } });

    // "The user can assign themselves a password using the invitation link in the email."
    const accepted = await world.onboarding.acceptInvitation({ secret: world.lastSecret(), password: GOOD_PASSWORD });
    expect(accepted._unsafeUnwrap()).toMatchObject({ account: { status: "active" }, workflowAccess: true });
  });

  it("without a message, the mail has no message section; a blank message counts as none", async () => {
    const world = await setupOnboardingWorld();
    const invited = (
      await world.onboarding.invite(world.as(world.partnerAdmin), {
        organizationId: world.partner.id,
        user: { username: "ann", fullName: "Ann Lee", email: "ann@example.org" },
        message: "   \n ",
      })
    )._unsafeUnwrap();
    expect(invited.invitation.message).toBeNull();
    const [mail] = await world.outbox(world.partner.id);
    expect(mail?.text).not.toContain("Their message");
  });
});
