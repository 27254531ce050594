import { describe, expect, it } from "vitest";
import { invitationStatus, transitionInvitation, type Invitation, type InvitationId, type OrganizationId, type TokenId, type UserId } from "tenure";

const now = new Date("2026-05-04T10:00:00Z");
const week = new Date("2026-05-11T10:00:00Z");
const invitation: Invitation = {
  id: "inv_1" as InvitationId,
  organizationId: "org_1" as OrganizationId,
  userId: "usr_1" as UserId,
  email: "ann@example.com",
  roles: [],
  message: null,
  invitedBy: null,
  tokenId: null,
  sentAt: null,
  expiresAt: null,
  state: { status: "pending" },
  version: 0,
  createdAt: now,
  updatedAt: now,
};
const send = (tokenId: string, expiresAt = week) => ({ type: "send" as const, tokenId: tokenId as TokenId, expiresAt });

describe("the invitation state machine", () => {
  it("unsent → pending on send; the token and expiry are recorded", () => {
    expect(invitationStatus(invitation, now)).toBe("unsent");
    const sent = transitionInvitation(invitation, send("tok_1"), now)._unsafeUnwrap();
    expect(sent).toMatchObject({ tokenId: "tok_1", sentAt: now, expiresAt: week });
    expect(invitationStatus(sent, now)).toBe("pending");
  });

  it("resending rotates the token and moves the expiry", () => {
    const sent = transitionInvitation(invitation, send("tok_1"), now)._unsafeUnwrap();
    const later = new Date("2026-05-06T10:00:00Z");
    const resent = transitionInvitation(sent, send("tok_2", new Date("2026-05-13T10:00:00Z")), later)._unsafeUnwrap();
    expect(resent).toMatchObject({ tokenId: "tok_2", sentAt: later, expiresAt: new Date("2026-05-13T10:00:00Z") });
  });

  it("a pending invitation past its expiry counts as expired; it can be sent again, not accepted", () => {
    const sent = transitionInvitation(invitation, send("tok_1"), now)._unsafeUnwrap();
    expect(invitationStatus(sent, week)).toBe("expired");
    expect(transitionInvitation(sent, { type: "accept" }, week)._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state", state: "expired" });
    expect(invitationStatus(transitionInvitation(sent, send("tok_2", new Date("2026-05-20T00:00:00Z")), week)._unsafeUnwrap(), week)).toBe("pending");
  });

  it("pending → accepted, then nothing else applies", () => {
    const accepted = transitionInvitation(transitionInvitation(invitation, send("tok_1"), now)._unsafeUnwrap(), { type: "accept" }, now)._unsafeUnwrap();
    expect(invitationStatus(accepted, now)).toBe("accepted");
    for (const event of [{ type: "accept" as const }, { type: "revoke" as const, by: null }, send("tok_2")]) {
      expect(transitionInvitation(accepted, event, now)._unsafeUnwrapErr()).toMatchObject({ code: "invalid_state", state: "accepted" });
    }
  });

  it("an unsent, pending or expired invitation can be revoked; a revoked one cannot be sent or accepted", () => {
    const revoked = transitionInvitation(invitation, { type: "revoke", by: "usr_9" as UserId }, now)._unsafeUnwrap();
    expect(revoked.state).toEqual({ status: "revoked", at: now, by: "usr_9" });
    expect(transitionInvitation(revoked, send("tok_1"), now).isErr()).toBe(true);
    expect(transitionInvitation(revoked, { type: "accept" }, now).isErr()).toBe(true);
    const unsentAccept = transitionInvitation(invitation, { type: "accept" }, now);
    expect(unsentAccept._unsafeUnwrapErr()).toMatchObject({ state: "unsent" });
  });
});
