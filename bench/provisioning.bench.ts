/**
 * Provisioning: the pure planner over 100,000 directory records against 100,000 linked users (1% of
 * them changed, 0.5% new, 0.5% gone), and a full directory update of 10,000 entries through the
 * service (`directory.update`, read by a scripted in-memory reader so only `tenure` is measured) on
 * the memory store and on PGlite, first run (all created) and second run (all unchanged).
 * `TENURE_BENCH_LDAP_URL` adds the same update read from a real slapd (see bench/README or
 * scripts/ldap-server.sh).
 */
import { performance } from "node:perf_hooks";
import { ok } from "neverthrow";
import {
  createMemoryStore,
  createTenure,
  defineCatalog,
  defineDirectoryMapping,
  defineProvisioningSource,
  planProvisioning,
  systemActor,
  type DirectoryEntry,
  type DirectorySource,
  type OrganizationId,
  type SourceLinkedUser,
  type SourceRecord,
  type TenureStore,
  type UserId,
} from "tenure";
import { report, type Measurement } from "./harness.js";

const ldap = defineProvisioningSource({
  name: "corp-ldap",
  kind: "directory",
  ownedFields: ["username", "fullName", "email", "phone"],
  maxDeactivationShare: 0.5,
})._unsafeUnwrap();

function planInputs(size: number): {
  desired: SourceRecord[];
  current: SourceLinkedUser[];
} {
  const current: SourceLinkedUser[] = [];
  const desired: SourceRecord[] = [];
  for (let index = 0; index < size; index += 1) {
    const username = `user${index}`;
    current.push({
      userId: `usr_${index}` as UserId,
      externalId: `e-${index}`,
      version: 1,
      fields: {
        username,
        fullName: `User ${index}`,
        email: `${username}@corp.example`,
        firstName: null,
        lastName: null,
        phone: "+49 30 1",
        pager: null,
        cellphone: null,
        location: null,
        company: null,
        audience: "internal",
        thirdParty: false,
        workflowAccess: false,
      },
      attributes: {},
      status: "active",
      deactivatedBy: null,
      roles: [],
      groups: [],
    });
    if (index % 200 === 0) continue; // 0.5% gone
    desired.push({
      externalId: `e-${index}`,
      position: `uid=${username}`,
      fields: {
        username,
        fullName: `User ${index}`,
        email: `${username}@corp.example`,
        phone: index % 100 === 1 ? "+49 30 2" : "+49 30 1",
      },
    });
  }
  for (let index = size; index < size + size / 200; index += 1) {
    desired.push({
      externalId: `e-${index}`,
      fields: {
        username: `user${index}`,
        fullName: `User ${index}`,
        email: `user${index}@corp.example`,
      },
    });
  }
  return { desired, current };
}

const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" } },
  permissions: { "users.manage": {}, "system.admin": {} },
  roles: {
    admin: { permissions: ["users.manage"], scopes: ["organization"] },
    member: { permissions: [], scopes: ["organization"], default: true },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();
const mapping = defineDirectoryMapping({
  fields: {
    username: "uid",
    fullName: "cn",
    email: "mail",
    phone: "telephoneNumber",
  },
})._unsafeUnwrap();

function entries(size: number): DirectoryEntry[] {
  return Array.from({ length: size }, (_, index) => ({
    externalId: `e-${index}`,
    dn: `uid=user${index},ou=people,dc=corp`,
    attributes: {
      uid: [`user${index}`],
      cn: [`User ${index}`],
      mail: [`user${index}@corp.example`],
      telephoneNumber: ["+49 30 1"],
    },
    groups: [],
  }));
}

/** One full update of `size` entries into a fresh organization, then a second with nothing to do: the times of both. */
async function directoryRun(
  store: TenureStore<object, object>,
  reader: DirectorySource,
  size: number
): Promise<{ first: number; second: number }> {
  let organizationId: OrganizationId | null = null;
  const tenure = createTenure({
    catalog,
    store,
    links: () => "https://app.example/link",
    sources: [ldap],
    directories: (id) =>
      id === organizationId ? { source: "corp-ldap", reader, mapping } : null,
  });
  const system = systemActor("bench");
  organizationId = (
    await tenure.organizations.create(system, { name: `Bench ${size}` })
  )._unsafeUnwrap().id;
  const started = performance.now();
  const first = (
    await tenure.directory.update(system, {
      organizationId,
      mode: "full",
      batchSize: 500,
    })
  )._unsafeUnwrap();
  const firstMs = performance.now() - started;
  if (first.run?.counts.create !== size)
    throw new Error(
      `expected ${size} creates, got ${JSON.stringify(first.run?.counts)}`
    );
  const again = performance.now();
  const second = (
    await tenure.directory.update(system, {
      organizationId,
      mode: "full",
      batchSize: 500,
    })
  )._unsafeUnwrap();
  const secondMs = performance.now() - again;
  if (second.run?.counts.unchanged !== size)
    throw new Error(
      `expected ${size} unchanged, got ${JSON.stringify(second.run?.counts)}`
    );
  return { first: firstMs, second: secondMs };
}

function once(name: string, ms: number, note: string): Measurement {
  return { name, runs: 1, medianMs: ms, p95Ms: ms, note };
}

export async function runProvisioningBench(): Promise<void> {
  const measurements: Measurement[] = [];
  const { desired, current } = planInputs(100_000);
  const times: number[] = [];
  for (let run = 0; run < 7; run += 1) {
    const start = performance.now();
    const plan = planProvisioning(desired, current, {
      source: ldap,
      mode: "all",
      read: "complete",
    });
    times.push(performance.now() - start);
    if (plan.isErr()) throw new Error(plan.error.message);
  }
  times.sort((a, b) => a - b);
  measurements.push({
    name: "plan 100,000 records vs 100,000 users",
    runs: times.length,
    medianMs: times[3]!,
    p95Ms: times[6]!,
    note: "target < 1 s",
  });

  const size = Number(process.env["BENCH_DIRECTORY_SIZE"] ?? 10_000);
  const scripted: DirectorySource = {
    read: async () => ok({ entries: entries(size), scope: "bench" }),
  };
  const memory = await directoryRun(createMemoryStore(), scripted, size);
  measurements.push(
    once(
      `directory.update ${size} entries, memory, first (creates)`,
      memory.first,
      `${Math.round(size / (memory.first / 1000))} entries/s`
    )
  );
  measurements.push(
    once(
      `directory.update ${size} entries, memory, second (unchanged)`,
      memory.second,
      `${Math.round(size / (memory.second / 1000))} entries/s`
    )
  );

  const { Kysely, sql } = await import("kysely");
  const { createPostgresStore, migrate } = await import("tenure/postgres");
  if (process.env["BENCH_SKIP_PGLITE"] !== "1") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGliteDialect } = await import("kysely-pglite-dialect");
    const db = new Kysely<never>({
      dialect: new PGliteDialect(await PGlite.create()),
    });
    (await migrate(db))._unsafeUnwrap();
    const pglite = await directoryRun(
      createPostgresStore({ db }) as never,
      scripted,
      size
    );
    measurements.push(
      once(
        `directory.update ${size} entries, PGlite, first (creates)`,
        pglite.first,
        `${Math.round(size / (pglite.first / 1000))} entries/s`
      )
    );
    measurements.push(
      once(
        `directory.update ${size} entries, PGlite, second (unchanged)`,
        pglite.second,
        `${Math.round(size / (pglite.second / 1000))} entries/s`
      )
    );
    await db.destroy();
  }

  const serverUrl = process.env["TENURE_TEST_DATABASE_URL"];
  if (serverUrl !== undefined) {
    const { PostgresDialect } = await import("kysely");
    const pg = await import("pg");
    const server = new Kysely<never>({
      dialect: new PostgresDialect({
        pool: new pg.default.Pool({ connectionString: serverUrl, max: 4 }),
      }),
    });
    const schema = `bench_provisioning_${process.pid}`;
    (await migrate(server, { schema }))._unsafeUnwrap();
    const onServer = await directoryRun(
      createPostgresStore({ db: server, schema }) as never,
      scripted,
      size
    );
    measurements.push(
      once(
        `directory.update ${size} entries, PostgreSQL server, first (creates)`,
        onServer.first,
        `${Math.round(size / (onServer.first / 1000))} entries/s; target < 30 s`
      )
    );
    measurements.push(
      once(
        `directory.update ${size} entries, PostgreSQL server, second (unchanged)`,
        onServer.second,
        `${Math.round(size / (onServer.second / 1000))} entries/s`
      )
    );
    await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(server);
    await server.destroy();
  } else {
    console.log(
      "provisioning: TENURE_TEST_DATABASE_URL is not set, the PostgreSQL server run is skipped"
    );
  }
  const ldapUrl = process.env["TENURE_TEST_LDAP_URL"];
  if (ldapUrl !== undefined) measurements.push(...(await realDirectoryRuns(ldapUrl, size, serverUrl)));
  else console.log("provisioning: TENURE_TEST_LDAP_URL is not set, the run against slapd is skipped");
  report("provisioning", measurements);
}

/**
 * The same update read from a real slapd (`scripts/ldap-server.sh start`): `size` people seeded under
 * an ou of their own as the root DN, read by paged search as the sync account, applied on the memory
 * store (and on the PostgreSQL server when its URL is set). The ou is deleted afterwards.
 */
async function realDirectoryRuns(url: string, size: number, serverUrl: string | undefined): Promise<Measurement[]> {
  const { Client } = await import("ldapts");
  const { createLdapDirectorySource } = await import("tenure/ldap");
  const suffix = "dc=tenure,dc=test";
  const ou = `ou=bench-${process.pid},${suffix}`;
  const root = new Client({ url });
  await root.bind(`cn=admin,${suffix}`, "tenure-root-secret");
  const measurements: Measurement[] = [];
  try {
    await root.add(ou, { objectClass: "organizationalUnit", ou: `bench-${process.pid}` });
    const seeded = performance.now();
    for (let start = 0; start < size; start += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, size - start) }, (_, offset) => {
          const uid = `user${start + offset}`;
          return root.add(`uid=${uid},${ou}`, { objectClass: "inetOrgPerson", uid, cn: `User ${start + offset}`, sn: uid, mail: `${uid}@corp.example`, telephoneNumber: "+49 30 1" });
        }),
      );
    }
    console.log(`provisioning: seeded ${size} entries in slapd in ${Math.round(performance.now() - seeded)} ms`);
    const reader = createLdapDirectorySource({
      name: "corp-ldap",
      url,
      bindDn: `cn=sync,ou=system,${suffix}`,
      bindPassword: "tenure-sync-secret",
      baseDn: ou,
      attributes: ["uid", "cn", "mail", "telephoneNumber"],
    });
    const readStart = performance.now();
    const read = await reader.read();
    const readMs = performance.now() - readStart;
    if (read.isErr() || read.value.entries.length !== size) throw new Error(`slapd read failed: ${read.isErr() ? read.error.message : read.value.entries.length}`);
    measurements.push(once(`slapd paged read of ${size} entries`, readMs, `${Math.round(size / (readMs / 1000))} entries/s`));
    const memory = await directoryRun(createMemoryStore(), reader, size);
    measurements.push(once(`directory.update ${size} slapd entries, memory, first (creates)`, memory.first, `${Math.round(size / (memory.first / 1000))} entries/s`));
    if (serverUrl !== undefined) {
      const { Kysely, PostgresDialect, sql } = await import("kysely");
      const pg = await import("pg");
      const { createPostgresStore, migrate } = await import("tenure/postgres");
      const server = new Kysely<never>({ dialect: new PostgresDialect({ pool: new pg.default.Pool({ connectionString: serverUrl, max: 4 }) }) });
      const schema = `bench_ldap_${process.pid}`;
      (await migrate(server, { schema }))._unsafeUnwrap();
      const onServer = await directoryRun(createPostgresStore({ db: server, schema }) as never, reader, size);
      measurements.push(once(`directory.update ${size} slapd entries, PostgreSQL server, first (creates)`, onServer.first, `${Math.round(size / (onServer.first / 1000))} entries/s; target < 30 s`));
      measurements.push(once(`directory.update ${size} slapd entries, PostgreSQL server, second (unchanged)`, onServer.second, `${Math.round(size / (onServer.second / 1000))} entries/s`));
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(server);
      await server.destroy();
    }
  } finally {
    const { searchEntries } = await root.search(ou, { scope: "one", attributes: ["1.1"], paged: { pageSize: 500 } });
    for (let start = 0; start < searchEntries.length; start += 100) await Promise.all(searchEntries.slice(start, start + 100).map((entry) => root.del(entry.dn)));
    await root.del(ou);
    await root.unbind();
  }
  return measurements;
}

