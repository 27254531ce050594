import { createServer, type AddressInfo, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { createLdapDirectorySource, type LdapDirectorySourceOptions } from "tenure/ldap";
import { formatObjectGuid } from "../../src/adapters/ldap/_internal/format-object-guid.js";
import { normalizeDn } from "../../src/provisioning/distinguished-name.js";

// These need no LDAP server: they run everywhere.

const valid: LdapDirectorySourceOptions = {
  name: "corp",
  url: "ldap://127.0.0.1:1",
  bindDn: "cn=sync,dc=example",
  bindPassword: "s3cret-value",
  baseDn: "ou=people,dc=example",
  attributes: ["uid", "mail"],
};

describe("createLdapDirectorySource options (host configuration: bad ones throw at creation)", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["an http URL", { url: "http://ldap.example" }, "options.url"],
    ["a URL with credentials", { url: "ldap://user:pw@ldap.example" }, "options.url"],
    ["a URL with a path", { url: "ldap://ldap.example/dc=example" }, "options.url"],
    ["an empty bind password (an anonymous bind)", { bindPassword: "" }, "options.bindPassword"],
    ["an empty base DN", { baseDn: " " }, "options.baseDn"],
    ["a filter that does not parse", { filter: "(uid=alice" }, "options.filter"],
    ["an unknown scope", { scope: "children" }, "options.scope"],
    ["a bad attribute name", { attributes: ["mail address"] }, "options.attributes.0"],
    ["an attribute named twice", { attributes: ["mail", "MAIL"] }, "options.attributes"],
    ["a page size of 0", { pageSize: 0 }, "options.pageSize"],
    ["a negative timeout", { timeoutMs: -1 }, "options.timeoutMs"],
    ["a group without a DN", { group: { nested: true } }, "options.group.dn"],
    ["StartTLS on ldaps://", { url: "ldaps://ldap.example:636", tls: { startTls: true } }, "options.tls.startTls"],
    ["a misspelt field", { basedn: "dc=example" }, "options has unknown field(s) basedn"],
  ])("%s: a TypeError naming the field", (_, change, field) => {
    const create = (): unknown => createLdapDirectorySource({ ...valid, ...change } as LdapDirectorySourceOptions);
    expect(create).toThrow(TypeError);
    expect(create).toThrow(field);
  });

  it("a bad password field is named, its value never", () => {
    expect(() => createLdapDirectorySource({ ...valid, bindPassword: 42 as unknown as string })).toThrow(/options\.bindPassword/);
    try {
      createLdapDirectorySource({ ...valid, url: "nope" });
    } catch (error) {
      expect(String(error)).not.toContain(valid.bindPassword);
    }
  });

  it("good options make a source; nothing connects until read", () => {
    expect(typeof createLdapDirectorySource({ ...valid, tls: { ca: "-----BEGIN CERTIFICATE-----", rejectUnauthorized: false } }).read).toBe("function");
    expect(typeof createLdapDirectorySource({ ...valid, url: "ldaps://ldap.example:636", idAttribute: "objectGUID" }).read).toBe("function");
  });
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("reads that cannot reach a server (no LDAP server needed)", () => {
  it("a closed port is unreachable, and the message names the source but not the password", async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const read = await createLdapDirectorySource({ ...valid, url: `ldap://127.0.0.1:${port}` }).read();
    expect(read._unsafeUnwrapErr()).toMatchObject({ code: "source_unavailable", source: "corp", reason: "unreachable" });
    expect(read._unsafeUnwrapErr().message).toContain("corp");
    expect(read._unsafeUnwrapErr().message).not.toContain(valid.bindPassword);
  });

  it("a host name that does not resolve is unreachable", async () => {
    const read = await createLdapDirectorySource({ ...valid, url: "ldap://no-such-host.invalid:389", timeoutMs: 5_000 }).read();
    expect(read._unsafeUnwrapErr().reason).toBe("unreachable");
  });

  it("a server that accepts the connection and never answers is a timeout after timeoutMs", async () => {
    const server = createServer(() => undefined);
    const port = await listen(server);
    try {
      const started = Date.now();
      const read = await createLdapDirectorySource({ ...valid, url: `ldap://127.0.0.1:${port}`, timeoutMs: 200 }).read();
      expect(read._unsafeUnwrapErr()).toMatchObject({ reason: "timeout" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    } finally {
      server.close();
    }
  });

  it("an ldaps:// URL to a server that does not speak TLS is unreachable", async () => {
    const server = createServer((socket) => socket.end());
    const port = await listen(server);
    try {
      const read = await createLdapDirectorySource({ ...valid, url: `ldaps://127.0.0.1:${port}`, timeoutMs: 2_000 }).read();
      expect(read._unsafeUnwrapErr().reason).toBe("unreachable");
    } finally {
      server.close();
    }
  });
});

describe("objectGUID and DN helpers", () => {
  it("formats an objectGUID with its first three fields little-endian, as Active Directory shows it", () => {
    expect(formatObjectGuid(Buffer.from("c8ce2e5b97b7ab478c7b6e2c3a3bf31d", "hex"))).toBe("5b2ecec8-b797-47ab-8c7b-6e2c3a3bf31d");
    expect(formatObjectGuid(Buffer.alloc(15))).toBeNull();
  });

  it("normalizes DNs so member values match entry DNs", () => {
    expect(normalizeDn("UID=Alice , OU=People,dc=Tenure ,dc=test")).toBe("uid=alice,ou=people,dc=tenure,dc=test");
    expect(normalizeDn("cn=Smith\\, John,ou=people")).toBe("cn=smith\\, john,ou=people");
    expect(normalizeDn("cn=a + sn=b,dc=x")).toBe("cn=a+sn=b,dc=x");
    expect(normalizeDn("cn=trailing\\ ,dc=x")).toBe("cn=trailing\\ ,dc=x");
  });
});
