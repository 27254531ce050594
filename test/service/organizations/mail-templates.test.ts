import { ok } from "neverthrow";
import { describe, expect, it } from "vitest";
import { setupWorld } from "../_harness.js";

const custom = {
  subject: "Join {{organizationName}}, {{recipientName}}",
  text: "{{inviterName}} awaits you: {{link}} (until {{expiresAt}})",
  html: null,
};

describe("mail templates are editable by the system admin only", () => {
  it("a super admin sets the organization's invitation template; the next invitation uses it; reset brings the default back", async () => {
    const world = await setupWorld();
    const updated = await world.tenure.organizations.updateMailTemplates(world.as(world.operator), {
      organizationId: world.partner.id, expectedVersion: world.partner.version, set: { invitation: custom },
    });
    expect(updated._unsafeUnwrap().settings.mailTemplates?.invitation).toEqual(custom);
    (await world.tenure.onboarding.invite(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, user: { username: "zoe", fullName: "Zoë Adams", email: "zoe@example.com" },
    }))._unsafeUnwrap();
    const [mail] = (await world.store.transaction(async (tx) => ok(await tx.outbox.list(world.partner.id))))._unsafeUnwrap();
    expect(mail?.subject).toBe("Join Partner Co, Zoë Adams");
    expect(mail?.html).toBeNull();

    // The invitation made Zoë the contact person, so the organization changed: read its version again.
    const current = world.store.snapshot().organizations.find((organization) => organization.id === world.partner.id);
    const reset = await world.tenure.organizations.updateMailTemplates(world.as(world.operator), {
      organizationId: world.partner.id, expectedVersion: current?.version ?? -1, reset: ["invitation"],
    });
    expect(reset._unsafeUnwrap().settings.mailTemplates).toEqual({});
    const [event] = await world.audit(world.partner.id);
    expect(event).toMatchObject({ action: "organization.mail_templates_updated", before: { invitation: { subject: custom.subject } }, after: {} });
  });

  it("an organization admin may not edit templates, and a broken template is refused naming its part", async () => {
    const world = await setupWorld();
    const before = world.store.snapshot();
    const byAdmin = await world.tenure.organizations.updateMailTemplates(world.as(world.partnerAdmin), {
      organizationId: world.partner.id, expectedVersion: world.partner.version, set: { invitation: custom },
    });
    expect(byAdmin._unsafeUnwrapErr()).toMatchObject({ code: "forbidden", rule: "super_admin" });
    const broken = await world.tenure.organizations.updateMailTemplates(world.as(world.operator), {
      organizationId: world.partner.id, expectedVersion: world.partner.version, set: { invitation: { ...custom, text: "{{password}} {{link}}" } },
    });
    expect(broken._unsafeUnwrapErr()).toMatchObject({ code: "validation", issues: [expect.objectContaining({ field: "set.invitation.text" })] });
    const stale = await world.tenure.organizations.updateMailTemplates(world.as(world.operator), {
      organizationId: world.partner.id, expectedVersion: world.partner.version + 5, set: { invitation: custom },
    });
    expect(stale._unsafeUnwrapErr()).toMatchObject({ code: "conflict" });
    expect(world.store.snapshot()).toEqual(before);
  });
});
