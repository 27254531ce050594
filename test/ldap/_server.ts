import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";
import { Attribute, Change, Client } from "ldapts";
import type { LdapDirectorySourceOptions } from "tenure/ldap";

/** The URL of the slapd of `scripts/ldap-server.sh`; when unset the LDAP server tests are skipped. */
export const LDAP_URL = process.env["TENURE_TEST_LDAP_URL"];

/** `describe`, or `describe.skip` with a note on how to run the LDAP server tests. */
export const describeWithLdap: typeof describe =
  LDAP_URL === undefined
    ? (((name: string, ...rest: unknown[]) =>
        (describe.skip as (...args: unknown[]) => void)(
          `${name} (skipped: TENURE_TEST_LDAP_URL is not set; bash scripts/ldap-server.sh start && export TENURE_TEST_LDAP_URL=$(bash scripts/ldap-server.sh url))`,
          ...rest,
        )) as unknown as typeof describe)
    : describe;

/** Fixed by scripts/ldap-server.sh (its bind-dn, bind-password, root-dn and root-password commands print them). */
export const SUFFIX = "dc=tenure,dc=test";
export const PEOPLE = `ou=people,${SUFFIX}`;
export const GROUPS = `ou=groups,${SUFFIX}`;
export const BIND_DN = process.env["TENURE_TEST_LDAP_BIND_DN"] ?? `cn=sync,ou=system,${SUFFIX}`;
export const BIND_PASSWORD = process.env["TENURE_TEST_LDAP_BIND_PASSWORD"] ?? "tenure-sync-secret";
/** Like the sync account, but paged searches stop at 500 entries in all. */
export const LIMITED_DN = `cn=limited,ou=system,${SUFFIX}`;
export const LIMITED_PASSWORD = "tenure-limited-secret";
export const ROOT_DN = `cn=admin,${SUFFIX}`;
export const ROOT_PASSWORD = "tenure-root-secret";

/** Options reading the fixture's people as the sync account; override what a test varies. */
export function syncOptions(overrides: Partial<LdapDirectorySourceOptions> = {}): LdapDirectorySourceOptions {
  return {
    name: "test-ldap",
    url: LDAP_URL ?? "ldap://127.0.0.1:1",
    bindDn: BIND_DN,
    bindPassword: BIND_PASSWORD,
    baseDn: PEOPLE,
    attributes: ["uid", "cn", "sn", "givenName", "mail", "telephoneNumber", "o", "l"],
    ...overrides,
  };
}

/** Runs `work` with a client bound as the root DN (test set-up only: it ignores limits and access rules). */
export async function asRoot<T>(work: (client: Client) => Promise<T>, url = LDAP_URL ?? ""): Promise<T> {
  const client = new Client({ url, timeout: 30_000 });
  try {
    await client.bind(ROOT_DN, ROOT_PASSWORD);
    return await work(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** The `entryUUID` of an entry, read as root. */
export async function entryUuidOf(dn: string): Promise<string> {
  return asRoot(async (client) => {
    const { searchEntries } = await client.search(dn, { scope: "base", attributes: ["entryUUID"] });
    return String(searchEntries[0]?.["entryUUID"]);
  });
}

/** A person's attributes for {@link Sandbox.addPerson}. */
export type PersonAttributes = Record<string, string | string[]>;

/** An ou of one test's own under the suffix, so tests that change entries never see each other's. */
export interface Sandbox {
  readonly dn: string;
  /** Adds `uid=<uid>,<sandbox>` as an inetOrgPerson; returns its DN. */
  addPerson(uid: string, attributes?: PersonAttributes): Promise<string>;
  /** Adds a `groupOfNames` `cn=<cn>,<sandbox>` with these member DNs; returns its DN. */
  addGroup(cn: string, members: readonly string[]): Promise<string>;
  /** Replaces one attribute's values (none: removes it). */
  modify(dn: string, attribute: string, values: readonly string[]): Promise<void>;
  /** Renames (modrdn) an entry within the sandbox; returns the new DN. */
  rename(dn: string, newRdn: string): Promise<string>;
  remove(dn: string): Promise<void>;
  /** Adds `count` people `uid=user-00001…` (several adds in flight at once). */
  seedUsers(count: number): Promise<void>;
  /** Deletes the sandbox and everything in it. */
  close(): Promise<void>;
}

/** Creates a {@link Sandbox} (an ou with a random name) on the test server. */
export async function createSandbox(): Promise<Sandbox> {
  const dn = `ou=t-${randomUUID().slice(0, 8)},${SUFFIX}`;
  await asRoot((client) => client.add(dn, { objectClass: "organizationalUnit", ou: dn.slice(3, dn.indexOf(",")) }));
  const person = (uid: string, attributes: PersonAttributes = {}): PersonAttributes => ({
    objectClass: "inetOrgPerson",
    uid,
    cn: `Person ${uid}`,
    sn: uid,
    ...attributes,
  });
  return {
    dn,
    async addPerson(uid, attributes) {
      const entryDn = `uid=${uid},${dn}`;
      await asRoot((client) => client.add(entryDn, person(uid, attributes)));
      return entryDn;
    },
    async addGroup(cn, members) {
      const entryDn = `cn=${cn},${dn}`;
      await asRoot((client) => client.add(entryDn, { objectClass: "groupOfNames", cn, member: [...members] }));
      return entryDn;
    },
    async modify(entryDn, attribute, values) {
      await asRoot((client) =>
        client.modify(entryDn, new Change({ operation: "replace", modification: new Attribute({ type: attribute, values: [...values] }) })),
      );
    },
    async rename(entryDn, newRdn) {
      await asRoot((client) => client.modifyDN(entryDn, newRdn));
      return `${newRdn},${dn}`;
    },
    async remove(entryDn) {
      await asRoot((client) => client.del(entryDn));
    },
    async seedUsers(count) {
      await asRoot(async (client) => {
        const uids = Array.from({ length: count }, (_, index) => `user-${String(index + 1).padStart(5, "0")}`);
        for (let start = 0; start < uids.length; start += 50) {
          await Promise.all(uids.slice(start, start + 50).map((uid) => client.add(`uid=${uid},${dn}`, person(uid, { mail: `${uid}@tenure.test` }))));
        }
      });
    },
    async close() {
      await asRoot(async (client) => {
        const { searchEntries } = await client.search(dn, { scope: "sub", attributes: ["1.1"] });
        const depth = (entry: string): number => entry.split(",").length;
        const depths = [...new Set(searchEntries.map((entry) => depth(entry.dn)))].sort((a, b) => b - a);
        // Children before their parents: the deepest entries first, 50 deletes in flight at a time.
        for (const level of depths) {
          const dns = searchEntries.map((entry) => entry.dn).filter((entry) => depth(entry) === level);
          for (let start = 0; start < dns.length; start += 50) await Promise.all(dns.slice(start, start + 50).map((entry) => client.del(entry)));
        }
      });
    },
  };
}

const SCRIPT = fileURLToPath(new URL("../../scripts/ldap-server.sh", import.meta.url));

/** A second slapd of the script's, on its own port, for tests that pause or stop the server. */
export interface PrivateServer {
  readonly url: string;
  readonly pid: number;
  stop(): void;
}

/** What the script prints for the shared server (`ldaps-url`, `ca-file`, …): it knows it by the port of {@link LDAP_URL}. */
export function scriptValue(command: string): string {
  const port = LDAP_URL === undefined ? "" : new URL(LDAP_URL).port;
  const result = spawnSync("bash", [SCRIPT, command], { env: { ...process.env, TENURE_LDAP_PORT: port }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`ldap-server.sh ${command} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** Starts {@link PrivateServer} on `port` (the script with `TENURE_LDAP_PORT`). */
export function startPrivateServer(port: number): PrivateServer {
  const run = (command: string): string => {
    const result = spawnSync("bash", [SCRIPT, command], { env: { ...process.env, TENURE_LDAP_PORT: String(port) }, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`ldap-server.sh ${command} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  run("start");
  return { url: run("url"), pid: Number(run("pid")), stop: () => void run("stop") };
}

/** A TCP proxy to an LDAP server that cuts both connections once `afterBytes` of answers have passed. */
export interface CuttingProxy {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a {@link CuttingProxy} on a free loopback port: a connection lost in the middle of a read, on cue. */
export async function startCuttingProxy(targetUrl: string, afterBytes: number): Promise<CuttingProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let passed = 0;
    client.on("data", (data) => upstream.write(data));
    upstream.on("data", (data) => {
      passed += data.length;
      if (passed <= afterBytes) client.write(data);
      else {
        client.destroy();
        upstream.destroy();
      }
    });
    for (const socket of [client, upstream]) socket.on("error", () => undefined).on("close", () => (client.destroy(), upstream.destroy()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ldap://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
