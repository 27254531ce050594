/**
 * The service-level rules of provisioning as properties, on the real service and store: whatever a
 * source sends, applying it twice changes nothing the second time; and a linked user's owned fields
 * are written by the source's own runs only, never by a manual edit.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { defineProvisioningSource, type ProvisioningRequest, type ProvisionedField } from "tenure";
import { setupWorld } from "../_harness.js";

type SourceRecord = ProvisioningRequest["records"][number];

const OPTIONAL_FIELDS = ["phone", "location", "company"] as const;

/** A set of source records with distinct ids and usernames; optional fields present or not. */
const recordsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 0, maxLength: 8 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc.record({
          fullName: fc.constantFrom("Ann Lee", "Bob Roe", "Cid Poe", "Dee Fox"),
          phone: fc.option(fc.constantFrom("+49 1", "+1 555"), { nil: undefined }),
          location: fc.option(fc.constantFrom("Berlin", "Oslo"), { nil: undefined }),
          company: fc.option(fc.constantFrom("Corp", "Other"), { nil: undefined }),
          active: fc.option(fc.boolean(), { nil: undefined }),
        }).map((drawn): SourceRecord => ({
          externalId: `e-${id}`,
          position: `entry ${id}`,
          fields: {
            username: `user${id}`,
            fullName: drawn.fullName,
            email: `user${id}@corp.example`,
            ...Object.fromEntries(OPTIONAL_FIELDS.flatMap((field) => (drawn[field] === undefined ? [] : [[field, drawn[field]]]))),
          },
          ...(drawn.active === undefined ? {} : { active: drawn.active }),
        })),
      ),
    ),
  );

const ownedArb = fc.subarray([...OPTIONAL_FIELDS] as ProvisionedField[]);

describe("provisioning through the service (properties)", () => {
  test.prop([recordsArb, recordsArb, ownedArb], { numRuns: 12 })(
    "after any earlier state, applying the same records twice changes nothing the second time",
    async (earlier, records, owned) => {
      const source = defineProvisioningSource({ name: "corp-ldap", kind: "directory", ownedFields: ["username", "fullName", "email", ...owned] })._unsafeUnwrap();
      const w = await setupWorld({ sources: [source] });
      try {
        const apply = (sent: SourceRecord[]) =>
          w.tenure.provisioning.apply(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "corp-ldap", records: sent, force: true });
        (await apply(earlier))._unsafeUnwrap();
        (await apply(records))._unsafeUnwrap();
        const before = w.store.snapshot();
        const again = (await apply(records))._unsafeUnwrap();
        expect(again.plan.changes.filter((change) => change.action !== "unchanged")).toEqual([]);
        const after = w.store.snapshot();
        expect(after.users).toEqual(before.users);
        expect(after.assignments).toEqual(before.assignments);
      } finally {
        await w.store.close();
      }
    },
    120_000,
  );

  test.prop([ownedArb, fc.constantFrom(...OPTIONAL_FIELDS), fc.constantFrom("+49 9", "Rome", "Elsewhere")], { numRuns: 12 })(
    "a manual edit of a linked user is refused exactly when it changes a field the source owns",
    async (owned, field, value) => {
      const source = defineProvisioningSource({ name: "corp-ldap", kind: "directory", ownedFields: ["username", "fullName", "email", ...owned] })._unsafeUnwrap();
      const w = await setupWorld({ sources: [source] });
      try {
        const record: SourceRecord = { externalId: "e-1", fields: { username: "ann", fullName: "Ann Lee", email: "ann@corp.example" } };
        (await w.tenure.provisioning.apply(w.as(w.partnerAdmin), { organizationId: w.partner.id, source: "corp-ldap", records: [record] }))._unsafeUnwrap();
        const ann = (await w.store.transaction(async (tx) => {
          const { ok } = await import("neverthrow");
          return ok(await tx.users.findBySourceRecord(w.partner.id, "corp-ldap", "e-1"));
        }))._unsafeUnwrap()!;
        const edited = await w.tenure.users.update(w.as(w.partnerAdmin), { organizationId: w.partner.id, userId: ann.id, expectedVersion: ann.version, changes: { [field]: value } });
        if ((owned as string[]).includes(field)) {
          expect(edited._unsafeUnwrapErr()).toMatchObject({ code: "validation", issues: [expect.objectContaining({ field: `changes.${field}`, code: "source_owned" })] });
        } else {
          expect(edited._unsafeUnwrap().user).toMatchObject({ [field]: value });
        }
      } finally {
        await w.store.close();
      }
    },
    120_000,
  );
});
