import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { defineDirectoryMapping, directoryRecords, mappedAttributes, normalizeDn, type DirectoryEntry } from "tenure";

const mapping = defineDirectoryMapping({
  fields: { username: "uid", fullName: "cn", email: "mail", phone: "telephoneNumber" },
  attributes: { costCentre: "departmentNumber" },
  groups: { "cn=Sales,ou=groups,dc=corp": "Sales" },
})._unsafeUnwrap();

const entry = (attributes: Record<string, string[]>, groups: string[] = []): DirectoryEntry => ({ externalId: "id-1", dn: "uid=ann,ou=people,dc=corp", attributes, groups });

describe("directory entries as provisioning records", () => {
  it("a mapping must tie every required field to an attribute, naming the field", () => {
    const missing = defineDirectoryMapping({ fields: { username: "uid", fullName: "cn" } });
    expect(missing._unsafeUnwrapErr().issues).toEqual([expect.objectContaining({ field: "fields.email" })]);
    expect(defineDirectoryMapping({ fields: { username: "uid", fullName: "cn", email: "mail", shoeSize: "x" } as never }).isErr()).toBe(true);
  });

  it("reads the first non-empty value, trimmed; the DN is the position; mapped groups only", () => {
    const [record] = directoryRecords(
      { entries: [entry({ uid: [" ann "], cn: ["", "Ann Lee"], mail: ["ann@corp.example"], departmentNumber: ["42"] }, ["CN=sales, OU=groups, DC=corp", "cn=other,dc=corp"])], scope: "" },
      mapping,
    );
    expect(record).toEqual({
      externalId: "id-1",
      position: "uid=ann,ou=people,dc=corp",
      fields: { username: "ann", fullName: "Ann Lee", email: "ann@corp.example", phone: null },
      attributes: { costCentre: "42" },
      groups: ["Sales"],
    });
  });

  it("asks the directory for every mapped attribute, once", () => {
    expect(mappedAttributes(mapping).sort()).toEqual(["cn", "departmentNumber", "mail", "telephoneNumber", "uid"]);
  });

  test.prop([fc.dictionary(fc.constantFrom("uid", "cn", "mail", "telephoneNumber", "departmentNumber", "l"), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }))])(
    "a required field is never cleared: it is a value read, or absent; an optional one is a value or null",
    (attributes) => {
      const [record] = directoryRecords({ entries: [entry(attributes)], scope: "" }, mapping);
      for (const field of ["username", "fullName", "email"] as const) {
        const value = record!.fields[field];
        expect(value === undefined || (typeof value === "string" && value !== "" && value === value.trim())).toBe(true);
      }
      const phone = record!.fields.phone;
      expect(phone === null || (typeof phone === "string" && phone.trim() !== "")).toBe(true);
    },
  );

  test.prop([fc.array(fc.constantFrom("cn", "ou", "dc", "CN", "OU")), fc.constantFrom(" ", "", "  ")])("DNs compare case- and space-insensitively around separators", (names, pad) => {
    const dn = names.map((name, index) => `${name}=v${index}`).join(",");
    const padded = names.map((name, index) => `${pad}${name.toUpperCase()}${pad}=${pad}V${index}`).join(`,${pad}`);
    expect(normalizeDn(padded)).toBe(normalizeDn(dn));
  });
});
