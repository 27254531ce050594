import { expect, it } from "vitest";
import type { DirectoryEntry, DirectoryRead, SourceUnavailableError } from "tenure";
import { createLdapDirectorySource, type LdapDirectorySourceOptions } from "tenure/ldap";
import { BIND_PASSWORD, describeWithLdap, entryUuidOf, GROUPS, PEOPLE, syncOptions } from "./_server.js";

async function readOk(overrides: Partial<LdapDirectorySourceOptions> = {}): Promise<DirectoryRead> {
  const read = await createLdapDirectorySource(syncOptions(overrides)).read();
  if (read.isErr()) throw new Error(`expected a read, got ${read.error.reason}: ${read.error.message}`);
  return read.value;
}

async function readErr(overrides: Partial<LdapDirectorySourceOptions>): Promise<SourceUnavailableError> {
  const read = await createLdapDirectorySource(syncOptions(overrides)).read();
  if (read.isOk()) throw new Error(`expected source_unavailable, read ${read.value.entries.length} entries`);
  return read.error;
}

const uids = (entries: readonly DirectoryEntry[]): string[] => entries.map((entry) => entry.attributes["uid"]?.[0] ?? "?").sort();
const byUid = (read: DirectoryRead, uid: string): DirectoryEntry | undefined => read.entries.find((entry) => entry.attributes["uid"]?.[0] === uid);

describeWithLdap("reading the fixture directory as the sync account", () => {
  it("reads every person under the base with the configured attributes, values as string arrays", async () => {
    const read = await readOk();
    expect(uids(read.entries)).toEqual(["alice", "bob", "carol", "dave", "erin"]);
    expect(read.scope).toBe(`${PEOPLE} (objectClass=inetOrgPerson)`);
    const alice = byUid(read, "alice");
    expect(alice).toEqual({
      externalId: await entryUuidOf(`uid=alice,${PEOPLE}`),
      dn: `uid=alice,${PEOPLE}`,
      attributes: {
        uid: ["alice"],
        cn: ["Alice Archer"],
        sn: ["Archer"],
        givenName: ["Alice"],
        mail: ["alice@tenure.test"],
        telephoneNumber: ["+49 30 1000001"],
        o: ["Acme Logistics"],
        l: ["Berlin"],
      },
      groups: [],
    });
    expect(byUid(read, "bob")?.attributes["mail"]).toEqual(["bob@tenure.test", "robert.baker@tenure.test"]);
    expect(byUid(read, "erin")?.attributes).not.toHaveProperty("mail");
  });

  it("ids are entryUUIDs", async () => {
    const read = await readOk();
    for (const entry of read.entries) {
      expect(entry.externalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(entry.externalId).toBe(await entryUuidOf(entry.dn));
    }
  });

  it("attribute names keep the case the options give, whatever case the server answers in", async () => {
    const read = await readOk({ attributes: ["UID", "Mail", "givenname"], filter: "(uid=alice)" });
    expect(read.entries[0]?.attributes).toEqual({ UID: ["alice"], Mail: ["alice@tenure.test"], givenname: ["Alice"] });
  });

  it("a filter and a one-level scope narrow the read", async () => {
    const read = await readOk({ filter: "(&(objectClass=inetOrgPerson)(l=Hamburg))", scope: "one" });
    expect(uids(read.entries)).toEqual(["bob", "erin"]);
    expect((await readOk({ baseDn: `uid=carol,${PEOPLE}`, scope: "base" })).entries.map((entry) => entry.dn)).toEqual([`uid=carol,${PEOPLE}`]);
  });

  it("a group limit keeps its members, through nested groups by default", async () => {
    const staff = `cn=staff,${GROUPS}`;
    const nested = await readOk({ group: { dn: staff } });
    expect(uids(nested.entries)).toEqual(["alice", "bob", "carol", "dave"]);
    expect(nested.scope).toBe(staff);
    const direct = await readOk({ group: { dn: staff, nested: false } });
    expect(uids(direct.entries)).toEqual(["alice", "bob"]);
    expect(uids((await readOk({ group: { dn: `cn=contractors,${GROUPS}` } })).entries)).toEqual(["erin"]);
  });

  it("group DNs match member values whatever their spacing and case", async () => {
    const read = await readOk({ group: { dn: `CN=Engineering, OU=groups, dc=tenure, dc=test` } });
    expect(uids(read.entries)).toEqual(["carol", "dave"]);
  });

  it("reportGroups: each entry lists the configured groups it is in, directly or nested, as configured", async () => {
    const staff = `cn=staff,${GROUPS}`;
    const engineering = `cn=engineering,${GROUPS}`;
    const contractors = `cn=contractors,${GROUPS}`;
    const read = await readOk({ reportGroups: [staff, engineering, contractors] });
    const groups = Object.fromEntries(read.entries.map((entry) => [entry.attributes["uid"]?.[0], entry.groups]));
    expect(groups).toEqual({ alice: [staff], bob: [staff], carol: [staff, engineering], dave: [staff, engineering], erin: [contractors] });
  });

  it("a group that does not exist fails the read instead of limiting it to nobody", async () => {
    const missing = await readErr({ group: { dn: `cn=nobody,${GROUPS}` } });
    expect(missing).toMatchObject({ code: "source_unavailable", source: "test-ldap", reason: "invalid_response" });
    expect(missing.message).toContain(`cn=nobody,${GROUPS}`);
    expect((await readErr({ reportGroups: [`uid=alice,${PEOPLE}`] })).reason).toBe("invalid_response");
  });

  it("an entry without the id attribute fails the whole read (invalid_response), naming the entry", async () => {
    const error = await readErr({ idAttribute: "employeeNumber" });
    expect(error.reason).toBe("invalid_response");
    expect(error.message).toMatch(/uid=(carol|dave|erin),ou=people.* has no employeeNumber/);
    // Where every entry has it, it is the id.
    const read = await readOk({ idAttribute: "employeeNumber", filter: "(employeeNumber=*)" });
    expect(read.entries.map((entry) => entry.externalId).sort()).toEqual(["1001", "1002"]);
  });

  it("ids must be unique: two entries with the same id value fail the read", async () => {
    expect((await readErr({ idAttribute: "o" })).reason).toBe("invalid_response");
  });

  it("a wrong password is bind_failed, and no error message contains the password", async () => {
    const wrong = `${BIND_PASSWORD}-wrong`;
    const error = await readErr({ bindPassword: wrong });
    expect(error).toMatchObject({ code: "source_unavailable", reason: "bind_failed", source: "test-ldap" });
    expect(error.message).not.toContain(wrong);
    expect(error.message).not.toContain(BIND_PASSWORD);
    const unknownAccount = await readErr({ bindDn: `cn=ghost,ou=system,dc=tenure,dc=test` });
    expect(unknownAccount.reason).toBe("bind_failed");
    expect(unknownAccount.message).not.toContain(BIND_PASSWORD);
  });

  it("a base DN that does not exist is invalid_response, not an empty directory", async () => {
    expect((await readErr({ baseDn: `ou=nowhere,dc=tenure,dc=test` })).reason).toBe("invalid_response");
  });
});
