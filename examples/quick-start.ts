import { createMemoryMailer, createMemoryStore, createTenure, defineCatalog, deliverOutbox, systemActor } from "tenure";

// 1. Your vocabulary, declared once. A typo in a name is a compile error.
const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" } },
  permissions: { "users.manage": {}, "system.admin": {}, "orders.view": {}, "orders.edit": { requires: ["orders.view"] } },
  roles: {
    admin: { permissions: ["users.manage", "orders.view", "orders.edit"], scopes: ["organization"] },
    clerk: { permissions: ["orders.view"], scopes: ["organization"], default: true },
    operator: { superuser: true, scopes: ["platform"] },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();

// 2. The service over the embedded store. Links in mails point at your own pages.
const store = createMemoryStore();
const tenure = createTenure({ catalog, store, links: ({ purpose, secret }) => `https://app.example/${purpose}?token=${secret}` });

// 3. An organization and its first user, invited with exactly the admin role (no default role to revoke).
const setup = systemActor("setup");
const acme = (await tenure.organizations.create(setup, { name: "Acme" }))._unsafeUnwrap();
const invited = await tenure.onboarding.invite(setup, {
  organizationId: acme.id,
  user: { username: "ann", fullName: "Ann Lee", email: "ann@acme.example" },
  roles: [{ role: "admin" }],
});
if (invited.isErr()) throw new Error(invited.error.message); // every expected failure is a value with a stable code

// 4. The invitation mail waits in the outbox; deliver it with any Mailer (here: an in-memory one).
const mailer = createMemoryMailer();
await deliverOutbox({ store, mailer, clock: { now: () => new Date() } });
const link = new URL(/https:\/\/\S+/.exec(mailer.sent[0]?.text ?? "")?.[0] ?? "");

// 5. Ann accepts with the link and chooses a password; she can sign in and manage users.
await tenure.onboarding.acceptInvitation({ secret: link.searchParams.get("token") ?? "", password: "correct horse battery" });
const signedIn = await tenure.credentials.signIn({ organizationId: acme.id, login: "ann", password: "correct horse battery" });
console.log(signedIn.isOk() && signedIn.value.status); // "signed_in" ("second_factor_required" when 2FA is required)
const ann = { organizationId: acme.id, userId: invited.value.user.id };
console.log(await tenure.access.can(ann, "orders.edit", { organizationId: acme.id })); // true
console.log((await tenure.access.explain(ann, "system.admin", { organizationId: acme.id }))._unsafeUnwrap().message);
// Denied: no role held here carries it.
