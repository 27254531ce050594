/**
 * Zoned workspace: a username typed with white space around it is trimmed like the full name and the
 * e-mail (it used to be refused), on every path a username comes in: sign-up, invite, the edit form
 * (usernames never change: the same one padded is no change), sign-in and "forgot password".
 */
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { userBaseShape, type User } from "tenure";
import { setupWorld, type World } from "../_harness.js";
import { TEST_STORE } from "../_test-store.js";

const PASSWORD = "correct horse battery";
const NUM_RUNS = TEST_STORE === "memory" ? 25 : 4;

/** Usernames the schema accepts as they are (nothing trimmed away). */
const username = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 10 })
  .filter((candidate) => {
    const parsed = userBaseShape.username.safeParse(candidate);
    return parsed.success && parsed.data === candidate && candidate !== PASSWORD;
  });
/** White space as pasted from a mail or a spreadsheet: spaces, tabs, line ends, no-break and ideographic spaces, a byte-order mark. */
const whiteSpace = fc.string({ unit: fc.constantFrom(" ", "\t", "\r\n", "\n", "\u00a0", "\u3000", "\u2003", "\u2028", "\ufeff"), minLength: 1, maxLength: 4 });

const stored = (world: World, organizationId: string, name: string): User | undefined =>
  world.store.snapshot().users.find((user) => user.organizationId === organizationId && user.username === name) as User | undefined;

describe("usernames typed with surrounding white space (zoned workspace)", () => {
  it("sign-up, invite and sign-in take ' ann ' as 'ann'", async () => {
    const world = await setupWorld();
    const signedUp = (await world.tenure.onboarding.signUp({ organizationId: world.partner.id, user: { username: "  ann\t", fullName: "Ann Lee", email: "ann@example.com" }, password: PASSWORD }))._unsafeUnwrap();
    expect(signedUp.username).toBe("ann");
    expect((await world.tenure.credentials.signIn({ organizationId: world.partner.id, login: " ann ", password: PASSWORD }))._unsafeUnwrap()).toMatchObject({ status: "signed_in", userId: signedUp.id });
    const invited = (
      await world.tenure.onboarding.invite(world.as(world.customerAdmin), {
        organizationId: world.customer.id,
        user: { username: "\u00a0bob ", fullName: "Bob Stone", email: "bob@example.com" },
        sendInvitation: false,
      })
    )._unsafeUnwrap();
    expect(invited.user.username).toBe("bob");
  });

  fcTest.prop([username, whiteSpace, whiteSpace], { numRuns: NUM_RUNS })(
    "for any valid username u and white space w, w+u+w is accepted and stored as u, and every later lookup by a padded form finds the same account",
    async (u, w, w2) => {
      const world = await setupWorld();
      try {
        const padded = `${w}${u}${w}`;
        const signedUp = await world.tenure.onboarding.signUp({ organizationId: world.partner.id, user: { username: padded, fullName: "Sam Supplier", email: "sam@example.com" }, password: PASSWORD });
        expect(signedUp._unsafeUnwrap().username).toBe(u);
        const account = stored(world, world.partner.id, u);
        expect(account?.id).toBe(signedUp._unsafeUnwrap().id);

        // Signing in with the name padded otherwise finds the same account.
        const signedIn = await world.tenure.credentials.signIn({ organizationId: world.partner.id, login: `${w2}${u}${w2}`, password: PASSWORD });
        expect(signedIn._unsafeUnwrap()).toEqual({ status: "signed_in", organizationId: world.partner.id, userId: account!.id });

        // "Forgot password" with the padded name mails that account's reset link.
        const linksBefore = world.links.length;
        (await world.tenure.credentials.forgotPassword({ organizationId: world.partner.id, login: `${w2}${u}` }))._unsafeUnwrap();
        expect(world.links.slice(linksBefore)).toEqual([expect.objectContaining({ purpose: "password_reset", userId: account!.id })]);

        // The same username padded is taken: it is the same username.
        const again = await world.tenure.onboarding.signUp({ organizationId: world.partner.id, user: { username: `${w2}${u}`, fullName: "Sam Other", email: "other@example.com" }, password: PASSWORD });
        expect(again._unsafeUnwrapErr()).toMatchObject({ code: "duplicate" });

        // The edit form sending the username back padded changes nothing; a different one is refused.
        const unchanged = await world.tenure.users.update(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: account!.id, expectedVersion: account!.version, changes: { username: padded, location: "Berlin" } });
        expect(unchanged._unsafeUnwrap().user).toMatchObject({ username: u, location: "Berlin" });
        const renamed = await world.tenure.users.update(world.as(world.partnerAdmin), { organizationId: world.partner.id, userId: account!.id, expectedVersion: account!.version + 1, changes: { username: `${u}x` } });
        expect(renamed._unsafeUnwrapErr()).toMatchObject({ code: "validation", issues: [expect.objectContaining({ field: expect.stringMatching(/username$/), code: "username_immutable" })] });

        // An admin inviting someone with the padded name into another organization stores it trimmed too.
        const invited = await world.tenure.onboarding.invite(world.as(world.customerAdmin), {
          organizationId: world.customer.id,
          user: { username: padded, fullName: "Sam Invited", email: "invited@example.com" },
          sendInvitation: false,
        });
        expect(invited._unsafeUnwrap().user.username).toBe(u);
      } finally {
        await world.store.close();
      }
    },
    120_000,
  );
});
