import { lookup } from "node:dns/promises";
import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { createLdapDirectorySource } from "tenure/ldap";
import { BIND_PASSWORD, describeWithLdap, LDAP_URL, scriptValue, syncOptions } from "./_server.js";

// The script's slapd has a certificate for 127.0.0.1 signed by a CA of its own (ca-file).
describeWithLdap("TLS: ldaps:// and StartTLS against a certificate from a private CA", () => {
  let ldapsUrl: string;
  let ca: string;
  beforeAll(() => {
    ldapsUrl = scriptValue("ldaps-url");
    ca = readFileSync(scriptValue("ca-file"), "utf8");
  });

  const count = async (overrides: Parameters<typeof syncOptions>[0]): Promise<number> =>
    (await createLdapDirectorySource(syncOptions(overrides)).read())._unsafeUnwrap().entries.length;

  it("ldaps:// with the CA reads the directory", async () => {
    expect(await count({ url: ldapsUrl, tls: { ca } })).toBe(5);
  });

  it("StartTLS on ldap:// with the CA reads the directory", async () => {
    expect(await count({ url: LDAP_URL ?? "", tls: { startTls: true, ca } })).toBe(5);
  });

  it("a certificate that does not verify is unreachable, with ldaps:// and with StartTLS; the password is not sent", async () => {
    for (const overrides of [{ url: ldapsUrl }, { url: LDAP_URL ?? "", tls: { startTls: true } }]) {
      const read = await createLdapDirectorySource(syncOptions(overrides)).read();
      expect(read._unsafeUnwrapErr()).toMatchObject({ code: "source_unavailable", reason: "unreachable" });
      expect(read._unsafeUnwrapErr().message).toMatch(/certificate/i);
      expect(read._unsafeUnwrapErr().message).not.toContain(BIND_PASSWORD);
    }
  });

  it("StartTLS checks the certificate against the URL's host (ldapts alone would check it against localhost)", async () => {
    // The certificate names 127.0.0.1 only. Reached by that address it verifies (above); reached as
    // localhost, the same server must be refused.
    if ((await lookup("localhost", { family: 4 })).address !== "127.0.0.1") return;
    const read = await createLdapDirectorySource(syncOptions({ url: (LDAP_URL ?? "").replace("127.0.0.1", "localhost"), tls: { startTls: true, ca } })).read();
    expect(read._unsafeUnwrapErr().reason).toBe("unreachable");
    expect(read._unsafeUnwrapErr().message).toMatch(/altnames/i);
  });

  it("rejectUnauthorized: false accepts the certificate (a test server only)", async () => {
    expect(await count({ url: ldapsUrl, tls: { rejectUnauthorized: false } })).toBe(5);
  });
});
