import { err } from "neverthrow";
import * as z from "zod";
import { createMemoryStore, DEFAULT_SETTINGS, defineModel, draftUser, userQuerySchema, type OrganizationId, type UserId } from "tenure";

// Your own user attributes, typed through the whole API.
const model = defineModel({ userAttributes: z.object({ costCentre: z.string().nullable().default(null) }) });
const store = createMemoryStore({ model });
const now = new Date("2026-01-05T09:00:00Z");
const acme = "org_acme" as OrganizationId;

await store.transaction((tx) =>
  tx.organizations.insert({
    id: acme, name: "Acme", kind: "customer", partnerId: null, entitlements: null, contactPersonId: null,
    settings: {}, version: 0, createdAt: now, updatedAt: now, attributes: {},
  }),
);

// Untrusted input is parsed and checked; problems come back as values, never as exceptions.
const added = await store.transaction(async (tx) => {
  const draft = draftUser(
    { username: "ann", fullName: "Ann Lee", email: "ann@acme.example", location: "Berlin", attributes: { costCentre: "CC-7" } },
    { id: "usr_ann" as UserId, organizationId: acme, now, model, settings: DEFAULT_SETTINGS, others: [],
      account: { status: "active" }, invitedBy: null },
  );
  return draft.isErr() ? err(draft.error) : tx.users.insert(draft.value.user);
});
if (added.isErr()) throw new Error(added.error.message);
console.log(added.value.attributes.costCentre); // "CC-7", typed as string | null

const page = await store.transaction((tx) =>
  tx.users.list(acme, userQuerySchema.parse({ filter: { locations: ["Berlin"] }, sort: { field: "fullName" }, limit: 20 })),
);
console.log(page.map((p) => p.items.map((user) => user.username))); // Ok(["ann"])
