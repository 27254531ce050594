import { afterAll, beforeAll, expect, it } from "vitest";
import { createLdapDirectorySource } from "tenure/ldap";
import { asRoot, BIND_PASSWORD, describeWithLdap, startCuttingProxy, startPrivateServer, syncOptions, type PrivateServer } from "./_server.js";

// A server of this file's own (not the shared one the other files read), since it is paused and killed.
const PORT = 38990;
const COUNT = 620;

describeWithLdap("a directory server that stops answering", () => {
  let server: PrivateServer;
  beforeAll(async () => {
    server = startPrivateServer(PORT);
    await asRoot(async (client) => {
      await client.add("ou=bulk,dc=tenure,dc=test", { objectClass: "organizationalUnit", ou: "bulk" });
      for (let start = 1; start <= COUNT; start += 50) {
        const uids = Array.from({ length: Math.min(50, COUNT - start + 1) }, (_, index) => `user-${start + index}`);
        await Promise.all(uids.map((uid) => client.add(`uid=${uid},ou=bulk,dc=tenure,dc=test`, { objectClass: "inetOrgPerson", uid, cn: uid, sn: uid })));
      }
    }, server.url);
  }, 120_000);
  afterAll(() => {
    if (server !== undefined) {
      safeSignal(server.pid, "SIGCONT");
      server.stop();
    }
  });

  const options = (overrides = {}) => syncOptions({ url: server.url, baseDn: "ou=bulk,dc=tenure,dc=test", attributes: ["uid"], ...overrides });

  it("a paused server (SIGSTOP) is a timeout once timeoutMs passes; resumed, the read succeeds", async () => {
    process.kill(server.pid, "SIGSTOP");
    try {
      const started = Date.now();
      const read = await createLdapDirectorySource(options({ timeoutMs: 300 })).read();
      expect(read._unsafeUnwrapErr()).toMatchObject({ code: "source_unavailable", reason: "timeout" });
      expect(read._unsafeUnwrapErr().message).not.toContain(BIND_PASSWORD);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      process.kill(server.pid, "SIGCONT");
    }
    expect((await createLdapDirectorySource(options()).read())._unsafeUnwrap().entries).toHaveLength(COUNT);
  });

  it("a timeoutMs shorter than the server needs is a timeout, never a shorter list", async () => {
    const read = await createLdapDirectorySource(options({ timeoutMs: 1, pageSize: 1 })).read();
    if (read.isOk()) expect(read.value.entries).toHaveLength(COUNT);
    else expect(read.error.reason).toBe("timeout");
  });

  it("a connection lost in the middle of a paged search is partial_read, never the pages read so far", async () => {
    const proxy = await startCuttingProxy(server.url, 4_000);
    try {
      const read = await createLdapDirectorySource(options({ url: proxy.url, pageSize: 5 })).read();
      expect(read._unsafeUnwrapErr()).toMatchObject({ code: "source_unavailable", reason: "partial_read" });
      expect(read._unsafeUnwrapErr().message).toMatch(/after \d+ page/);
    } finally {
      await proxy.close();
    }
  });

  it("a server that is gone (killed) is unreachable", async () => {
    process.kill(server.pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const read = await createLdapDirectorySource(options()).read();
    expect(read._unsafeUnwrapErr()).toMatchObject({ code: "source_unavailable", reason: "unreachable" });
  });
});

function safeSignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    return process.kill(pid, signal);
  } catch {
    return false;
  }
}
