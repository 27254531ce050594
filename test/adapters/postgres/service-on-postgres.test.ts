import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenure, defineCatalog, systemActor, userActor } from "tenure";
import { openPgliteDatabase, type TestDatabase } from "./_databases.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await openPgliteDatabase();
}, 60_000);
afterAll(() => database.close());

const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" } },
  permissions: { "users.manage": {}, "system.admin": {}, "orders.view": {} },
  roles: { admin: { permissions: ["users.manage", "orders.view"], scopes: ["organization"] }, clerk: { permissions: ["orders.view"], scopes: ["organization"] } },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();

describe("the service on PostgreSQL, when a row was edited by hand into an invalid state", () => {
  it("a command reading it answers corrupt_record naming the row and the field, and changes nothing", async () => {
    const store = await database.makeStore();
    try {
      const tenure = createTenure({ catalog, store, links: ({ purpose, secret }) => `https://app.example/${purpose}?token=${secret}` });
      const setup = systemActor("setup");
      const acme = (await tenure.organizations.create(setup, { name: "Acme" }))._unsafeUnwrap();
      const ann = (
        await tenure.onboarding.invite(setup, {
          organizationId: acme.id, user: { username: "ann", fullName: "Ann Lee", email: "ann@acme.example" }, roles: [{ role: "admin" }], activate: true, sendInvitation: false,
        })
      )._unsafeUnwrap().user;
      const bob = (
        await tenure.onboarding.invite(userActor(acme.id, ann.id), {
          organizationId: acme.id, user: { username: "bob", fullName: "Bob Stone", email: "bob@acme.example" }, roles: [{ role: "clerk" }], activate: true, sendInvitation: false,
        })
      )._unsafeUnwrap().user;
      await sql`UPDATE ${sql.id(store.schema, "users")} SET record = jsonb_set(record, '{email}', '""') WHERE id = ${bob.id}`.execute(database.db);
      const countEvents = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.id(store.schema, "audit_events")}`.execute(database.db)).rows[0]?.n;
      const eventsBefore = await countEvents();

      const listed = await tenure.users.list(userActor(acme.id, ann.id), { organizationId: acme.id });
      expect(listed._unsafeUnwrapErr()).toMatchObject({
        code: "corrupt_record",
        entity: "user",
        key: { table: "users", organizationId: acme.id, id: bob.id },
        issues: [expect.objectContaining({ field: "email" })],
      });
      const renamed = await tenure.users.update(userActor(acme.id, ann.id), {
        organizationId: acme.id, userId: bob.id, expectedVersion: bob.version, changes: { fullName: "Bob Stone-Lee" },
      });
      expect(renamed._unsafeUnwrapErr()).toMatchObject({ code: "corrupt_record", key: { id: bob.id } });
      expect(await countEvents()).toBe(eventsBefore);
      // The rest of the organization still works.
      expect((await tenure.access.can({ organizationId: acme.id, userId: ann.id }, "orders.view", { organizationId: acme.id }))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
