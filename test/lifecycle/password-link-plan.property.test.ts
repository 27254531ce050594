/**
 * The rule of every set-password link (`planPasswordLink`), for any account state, any invitations and
 * any token purpose: the properties the manuals' sentences come down to.
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { accountStatusNow, pendingInvitation, planPasswordLink, type AccountState, type Invitation, type InvitationId, type OrganizationId, type TokenId, type TokenPurpose, type UserId } from "tenure";

const now = new Date("2026-05-04T10:00:00Z");
const HOUR = 3_600_000;
const TOKEN = "tok_link" as TokenId;

const accountArb: fc.Arbitrary<AccountState> = fc.oneof(
  fc.constant<AccountState>({ status: "invited" }),
  fc.constant<AccountState>({ status: "active" }),
  fc.constant<AccountState>({ status: "pending_verification" }),
  fc.constant<AccountState>({ status: "deactivated", reason: "admin" }),
  fc.constant<AccountState>({ status: "removed", at: now }),
  fc.option(fc.integer({ min: -48, max: 48 }), { nil: null }).map<AccountState>((hours) => ({ status: "blocked", until: hours === null ? null : new Date(now.getTime() + hours * HOUR), reason: null })),
);

/** An invitation: unsent, sent (pending or expired), accepted or revoked; its token the link's or another. */
const invitationArb = (index: number): fc.Arbitrary<Invitation> =>
  fc.record({
    kind: fc.constantFrom("unsent", "sent", "accepted", "revoked"),
    expiresIn: fc.integer({ min: -72, max: 72 }),
    linkToken: fc.boolean(),
  }).map(({ kind, expiresIn, linkToken }) => ({
    id: `inv_${index}` as InvitationId,
    organizationId: "org_1" as OrganizationId,
    userId: "usr_1" as UserId,
    email: "ann@example.com",
    roles: [],
    message: null,
    invitedBy: null,
    tokenId: kind === "unsent" ? null : linkToken ? TOKEN : (`tok_other_${index}` as TokenId),
    sentAt: kind === "unsent" ? null : new Date(now.getTime() - 96 * HOUR),
    expiresAt: kind === "unsent" ? null : new Date(now.getTime() + expiresIn * HOUR),
    state: kind === "accepted" ? { status: "accepted", at: now } : kind === "revoked" ? { status: "revoked", at: now, by: null } : { status: "pending" },
    version: 0,
    createdAt: new Date(now.getTime() - 100 * HOUR),
    updatedAt: new Date(now.getTime() - 100 * HOUR),
  }));

interface LinkCase {
  readonly purpose: TokenPurpose;
  readonly account: AccountState;
  readonly invitations: readonly Invitation[];
}

const caseArb: fc.Arbitrary<LinkCase> = fc.record({
  purpose: fc.constantFrom<TokenPurpose>("invitation", "activation", "password_reset"),
  account: accountArb,
  invitations: fc.integer({ min: 0, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => invitationArb(i)))),
});

const planOf = ({ purpose, account, invitations }: LinkCase) =>
  planPasswordLink({
    token: { id: TOKEN, purpose },
    user: { id: "usr_1" as UserId, account, thirdParty: false, accessExpiresAt: null },
    invitations,
    now,
  });

describe("what a set-password link does", () => {
  fcTest.prop([caseArb])("a link fulfils its own purpose; an invited account it serves ends active, any other keeps its state", (c) => {
    const plan = planOf(c);
    if (plan.isErr()) return;
    expect(plan.value.purpose).toBe(c.purpose);
    const status = accountStatusNow({ account: c.account, thirdParty: false, accessExpiresAt: null }, now);
    if (status === "invited") expect(plan.value.account).toEqual({ status: "active" });
    else expect(plan.value.account).toBeNull();
  });

  fcTest.prop([caseArb])("only an invitation link, or an activation or reset link of an invited account, accepts an invitation, and only a pending one", (c) => {
    const plan = planOf(c);
    if (plan.isErr() || plan.value.invitation === null) return;
    const status = accountStatusNow({ account: c.account, thirdParty: false, accessExpiresAt: null }, now);
    expect(c.purpose === "invitation" || status === "invited").toBe(true);
    expect(plan.value.invitation.state).toEqual({ status: "accepted", at: now });
    const before = c.invitations.find((invitation) => invitation.id === plan.value.invitation?.id);
    expect(before?.state.status).toBe("pending");
    expect(before?.expiresAt?.getTime()).toBeGreaterThan(now.getTime());
  });

  fcTest.prop([caseArb])("an invited account never keeps a password without its invitation accepted or an activation link", (c) => {
    const plan = planOf(c);
    if (plan.isErr() || c.account.status !== "invited") return;
    expect(plan.value.invitation !== null || c.purpose === "activation").toBe(true);
  });

  fcTest.prop([caseArb])("after any link an invited account redeems, none of its invitations is still pending (no old link can set the password again)", (c) => {
    const plan = planOf(c);
    if (plan.isErr() || c.account.status !== "invited") return;
    const after = c.invitations.map((invitation) => (invitation.id === plan.value.invitation?.id ? plan.value.invitation : invitation));
    expect(pendingInvitation(after, now)).toBeNull();
  });

  fcTest.prop([caseArb])("an activation or reset link accepts a pending invitation of an active account never; a removed account's links all fail", (c) => {
    const plan = planOf(c);
    if (c.account.status === "removed") expect(plan.isErr()).toBe(true);
    if (plan.isOk() && c.account.status === "active" && c.purpose !== "invitation") expect(plan.value.invitation).toBeNull();
  });
});
