import { afterAll, beforeAll, expect, it } from "vitest";
import { createLdapDirectorySource } from "tenure/ldap";
import { asRoot, createSandbox, describeWithLdap, LIMITED_DN, LIMITED_PASSWORD, syncOptions, type Sandbox } from "./_server.js";

const COUNT = 620;

describeWithLdap(`a directory of ${COUNT} people (the server stops unpaged searches at 500)`, () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox();
    await sandbox.seedUsers(COUNT);
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
  }, 120_000);

  const options = (overrides = {}) => syncOptions({ baseDn: sandbox.dn, attributes: ["uid", "mail"], ...overrides });

  it("the server refuses an unpaged search of them (so the read below proves paging)", async () => {
    const { BIND_DN, BIND_PASSWORD, LDAP_URL } = await import("./_server.js");
    const { Client, SizeLimitExceededError } = await import("ldapts");
    const client = new Client({ url: LDAP_URL ?? "" });
    try {
      await client.bind(BIND_DN, BIND_PASSWORD);
      await expect(client.search(sandbox.dn, { filter: "(objectClass=inetOrgPerson)" })).rejects.toBeInstanceOf(SizeLimitExceededError);
    } finally {
      await client.unbind();
    }
  });

  it.each([500, 7, 1000])("a paged read with pageSize %i returns every one of them, each once", async (pageSize) => {
    const read = (await createLdapDirectorySource(options({ pageSize })).read())._unsafeUnwrap();
    expect(read.entries).toHaveLength(COUNT);
    expect(new Set(read.entries.map((entry) => entry.externalId)).size).toBe(COUNT);
    expect(read.entries.find((entry) => entry.attributes["uid"]?.[0] === "user-00613")?.attributes["mail"]).toEqual(["user-00613@tenure.test"]);
  });

  it("the default page size reads them all", async () => {
    expect((await createLdapDirectorySource(options()).read())._unsafeUnwrap().entries).toHaveLength(COUNT);
  });

  it("an account whose paged searches the server stops at 500 gets size_limit, never the first 500", async () => {
    const read = await createLdapDirectorySource(options({ bindDn: LIMITED_DN, bindPassword: LIMITED_PASSWORD, pageSize: 100 })).read();
    expect(read._unsafeUnwrapErr()).toMatchObject({ code: "source_unavailable", reason: "size_limit" });
    expect(read._unsafeUnwrapErr().message).not.toContain(LIMITED_PASSWORD);
  });

  it("a group limit over many members", async () => {
    const members = await asRoot(async (client) => {
      const { searchEntries } = await client.search(sandbox.dn, { filter: "(uid=user-000*)", attributes: ["1.1"] });
      return searchEntries.map((entry) => entry.dn);
    });
    const group = await sandbox.addGroup("many", members);
    const read = (await createLdapDirectorySource(options({ group: { dn: group } })).read())._unsafeUnwrap();
    expect(members).toHaveLength(99);
    expect(read.entries.map((entry) => entry.dn).sort()).toEqual([...members].sort());
  });
});
