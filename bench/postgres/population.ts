/**
 * The population of the PostgreSQL benchmark, mirroring the memory-store benches: 1,000,000 users in
 * 10 organizations (`org_00`…`org_09`, 100,000 each, like `bench/user-list.bench.ts`'s big
 * organization), names, locations (8), companies (4) and audiences (10% external) drawn as in
 * `bench/user-list.bench.ts`, and the expiry dates of `bench/expiry.bench.ts`: every 20th user is third
 * party (5%), a fifth of those (1% of all, 10,000) are 1 to 60 days past their date, the others end 20
 * to 89 days ahead. Every user holds `member` in their organization directly; 200 groups of 25 per
 * organization hold `reporter`; each organization has an admin (`company_admin`).
 *
 * The million users and their assignments are generated in SQL (`INSERT … SELECT … FROM
 * generate_series`), building each column the way the repositories derive it and the `record` as
 * `encodeRecord` writes it (an assignment's record is the prototype's, written by the store, with the
 * user id replaced); everything else goes through the store. {@link verifyUsers} and
 * {@link verifyAssignments} then read generated rows back through the store and write copies through
 * it, and throw if anything differs. The assignments are loaded apart ({@link loadAssignments}) so that
 * the sweep can run first on the memory expiry bench's population, where only admins and groups hold roles.
 */
import { performance } from "node:perf_hooks";
import { sql, type Kysely, type RawBuilder } from "kysely";
import { err, ok, type Result } from "neverthrow";
import {
  defineCatalog,
  DEFAULT_MODEL,
  DEFAULT_SETTINGS,
  draftUser,
  organizationScope,
  sortKey,
  type Group,
  type GroupId,
  type OrganizationId,
  type RoleAssignment,
  type RoleAssignmentId,
  type User,
  type UserId,
  userQuerySchema,
} from "tenure";
import type { PostgresStore } from "tenure/postgres";
import { encodeRecord } from "../../src/adapters/postgres/_internal/record-json.js";

export const DAY = 86_400_000;
/** The instant of the sweep and of every permission question. */
export const NOW = new Date("2026-06-01T12:00:00Z");
export const ORGANIZATIONS = 10;
export const GROUPS_PER_ORGANIZATION = 200;
export const GROUP_SIZE = 25;

export const CITIES = ["Berlin", "Lisbon", "Oslo", "Porto", "Riga", "Turin", "Vienna", "Zagreb"] as const;
export const COMPANIES = ["Northwind", "Contoso", "Fabrikam", "Initech"] as const;
const GIVEN = ["Ann", "Bob", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kai", "Lea", "Mika", "Nour"];
const FAMILY = ["Lee", "Ortiz", "Berg", "Núñez", "Adams", "Okafor", "Sato", "Kowalski", "Rossi", "Meyer"];

/** The catalog of the expiry bench, plus `reporter` for the groups. */
export const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" } },
  permissions: { "system.admin": {}, "users.manage": {}, "documents.view": {}, "reports.view": {} },
  roles: {
    system_admin: { superuser: true, scopes: ["platform"] },
    company_admin: { permissions: ["users.manage", "documents.view"], scopes: ["organization"] },
    member: { permissions: ["documents.view"], scopes: ["organization"], default: true },
    reporter: { permissions: ["reports.view"], scopes: ["organization"] },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();

/** The sizes of a population; `users` is a multiple of {@link ORGANIZATIONS}. */
export interface Population {
  readonly users: number;
  readonly perOrganization: number;
  /** Users past their date (1% of all). */
  readonly due: number;
}

export function populationOf(users: number): Population {
  const perOrganization = Math.floor(users / ORGANIZATIONS);
  if (perOrganization < GROUPS_PER_ORGANIZATION * GROUP_SIZE) throw new Error(`at least ${ORGANIZATIONS * GROUPS_PER_ORGANIZATION * GROUP_SIZE} users`);
  let due = 0;
  for (let index = 0; index < perOrganization * ORGANIZATIONS; index += 20) if ((index / 20) % 5 === 0) due += 1;
  return { users: perOrganization * ORGANIZATIONS, perOrganization, due };
}

export const organizationIdOf = (org: number): OrganizationId => `org_${String(org).padStart(2, "0")}` as OrganizationId;
export const adminIdOf = (org: number): UserId => `usr_admin_${org}` as UserId;
export const userIdOf = (index: number): UserId => `usr_${index}` as UserId;
/** The id of user `index`'s `member` assignment. */
export const memberAssignmentIdOf = (index: number): RoleAssignmentId => `asg_m_${index}` as RoleAssignmentId;
/** The members of group `group` (0…199) of an organization: users `first + group·25` to `+ 24`. */
export const groupMemberIndexes = (population: Population, org: number, group: number): number[] =>
  Array.from({ length: GROUP_SIZE }, (_, member) => org * population.perOrganization + group * GROUP_SIZE + member);

/** A user as `draftUser` makes it: the template every generated row is a variation of. */
function templateUser(organizationId: OrganizationId, id: UserId, name: string, fullName: string): User {
  const draft = draftUser(
    { username: name, fullName, email: `${name}@example.com` },
    {
      id, organizationId, now: new Date(NOW.getTime() - 200 * DAY), model: DEFAULT_MODEL, settings: DEFAULT_SETTINGS, others: [],
      account: { status: "active" }, invitedBy: null,
    },
  );
  if (draft.isErr()) throw new Error(draft.error.message);
  return draft.value.user;
}

/** The `record` column of a user: everything but its key columns. */
function recordOf(user: User): string {
  const { id: _id, organizationId: _organizationId, version: _version, ...rest } = user;
  return encodeRecord(rest);
}

const textArray = (values: readonly string[]): RawBuilder<string[]> => sql<string[]>`ARRAY[${sql.join(values.map((value) => sql`${value}::text`))}]`;

function check(result: Result<unknown, { readonly message: string }>, what: string): void {
  if (result.isErr()) throw new Error(`${what}: ${result.error.message}`);
}

/**
 * Writes organizations, admins, groups and one prototype `member` assignment per organization through
 * the store (what SQL then copies), and returns the time taken.
 */
async function seedThroughStore(store: PostgresStore, population: Population): Promise<void> {
  for (let org = 0; org < ORGANIZATIONS; org += 1) {
    const organizationId = organizationIdOf(org);
    const first = org * population.perOrganization;
    const made = await store.transaction(async (tx) => {
      const organization = await tx.organizations.insert({
        id: organizationId, name: `Organization ${org}`, kind: "customer", partnerId: null, entitlements: null, contactPersonId: null,
        settings: {}, version: 0, createdAt: NOW, updatedAt: NOW, attributes: {},
      });
      if (organization.isErr()) return err(organization.error);
      const admin = await tx.users.insert(templateUser(organizationId, adminIdOf(org), `admin${org}`, `Admin ${org}`));
      if (admin.isErr()) return err(admin.error);
      const adminRole = await tx.assignments.insert({
        id: `asg_admin_${org}` as RoleAssignmentId, organizationId, principal: { type: "user", id: adminIdOf(org) }, role: "company_admin",
        scope: organizationScope(organizationId), grantedBy: null, grantedAt: NOW,
      });
      if (adminRole.isErr()) return err(adminRole.error);
      // The prototype of every generated `member` assignment of this organization (its user comes later, in SQL).
      return tx.assignments.insert({
        id: memberAssignmentIdOf(first), organizationId, principal: { type: "user", id: userIdOf(first) }, role: "member",
        scope: organizationScope(organizationId), grantedBy: adminIdOf(org), grantedAt: new Date(NOW.getTime() - 200 * DAY),
      });
    });
    check(made, `seeding ${organizationId}`);
    for (let start = 0; start < GROUPS_PER_ORGANIZATION; start += 50) {
      const groups = await store.transaction(async (tx) => {
        for (let group = start; group < start + 50; group += 1) {
          const id = `grp_${org}_${group}` as GroupId;
          const stored: Group = {
            id, organizationId, name: `Group ${group}`, colour: "#336699", memberIds: groupMemberIndexes(population, org, group).map(userIdOf),
            version: 0, createdAt: NOW, updatedAt: NOW,
          };
          const inserted = await tx.groups.insert(stored);
          if (inserted.isErr()) return err(inserted.error);
          const role = await tx.assignments.insert({
            id: `asg_g_${org}_${group}` as RoleAssignmentId, organizationId, principal: { type: "group", id }, role: "reporter",
            scope: organizationScope(organizationId), grantedBy: adminIdOf(org), grantedAt: NOW,
          });
          if (role.isErr()) return err(role.error);
        }
        return ok(undefined);
      });
      check(groups, `seeding the groups of ${organizationId}`);
    }
  }
}

/** The secondary indexes of a table (not those of its constraints), as `CREATE INDEX` statements. */
async function secondaryIndexes(db: Kysely<any>, schema: string, table: string): Promise<{ name: string; definition: string }[]> {
  const result = await sql<{ name: string; definition: string }>`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = ${schema} AND t.relname = ${table}
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY i.relname`.execute(db);
  return result.rows;
}

/** Inserts user rows `first`…`last` of organization `org` in one statement. */
function insertUsers(schema: string, population: Population, org: number, first: number, last: number, template: string): RawBuilder<unknown> {
  const s = sql.id(schema);
  const nowSeconds = NOW.getTime() / 1000;
  // `u` is a well-mixed unsigned 32-bit hash of the index; each attribute takes other digits of it.
  return sql`
    INSERT INTO ${s}.users (organization_id, id, version, username_key, full_name_key, email_key, full_name_match, email_normalized,
      external_id, location, company, status, blocked_until, audience, third_party, source, access_expires_at, record)
    SELECT organization_id, id, 0, username, full_name_key, email, full_name_key, email,
      NULL, location, company, 'active', NULL, audience, third_party, 'local', expires,
      ${template}::jsonb || jsonb_build_object(
        'username', username, 'fullName', full_name, 'email', email, 'location', location, 'company', company,
        'audience', audience, 'thirdParty', third_party,
        'accessExpiresAt', CASE WHEN expires IS NOT NULL
          THEN jsonb_build_object(${"$date"}::text, to_char(expires AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END,
        'invitedBy', CASE WHEN third_party THEN ${adminIdOf(org)}::text END)
    FROM (
      SELECT ${organizationIdOf(org)}::text AS organization_id, 'usr_' || i AS id,
        p.given_key || '.' || i AS username,
        p.given || ' ' || p.family || ' ' || i AS full_name,
        p.given_key || ' ' || p.family_key || ' ' || i AS full_name_key,
        p.given_key || '.' || i || '@example.com' AS email,
        p.location, p.company,
        CASE WHEN (h.u / 4480) % 10 = 0 THEN 'external' ELSE 'internal' END AS audience,
        i % 20 = 0 AS third_party,
        CASE WHEN i % 20 = 0 THEN to_timestamp(${nowSeconds}::float8 + 86400 *
          CASE WHEN (i / 20) % 5 = 0 THEN -(1 + i % 60) ELSE 20 + i % 70 END) END AS expires
      FROM generate_series(${first}::int, ${last}::int) AS i
      CROSS JOIN LATERAL (SELECT hashint4(i)::bigint + 2147483648 AS u) AS h
      CROSS JOIN LATERAL (SELECT
        (${textArray(GIVEN)})[(h.u % ${GIVEN.length} + 1)::int] AS given,
        (${textArray(GIVEN.map(sortKey))})[(h.u % ${GIVEN.length} + 1)::int] AS given_key,
        (${textArray(FAMILY)})[((h.u / ${GIVEN.length}) % ${FAMILY.length} + 1)::int] AS family,
        (${textArray(FAMILY.map(sortKey))})[((h.u / ${GIVEN.length}) % ${FAMILY.length} + 1)::int] AS family_key,
        (${textArray(CITIES)})[((h.u / 140) % ${CITIES.length} + 1)::int] AS location,
        (${textArray(COMPANIES)})[((h.u / 1120) % ${COMPANIES.length} + 1)::int] AS company) AS p
    ) AS g`;
}

/** Copies the organization's prototype `member` assignment for users `first + 1`…`last`. */
function insertAssignments(schema: string, population: Population, org: number, first: number, last: number): RawBuilder<unknown> {
  const s = sql.id(schema);
  const prototype = org * population.perOrganization;
  return sql`
    INSERT INTO ${s}.role_assignments (organization_id, id, principal_type, principal_id, role, scope_kind, scope_id, record)
    SELECT p.organization_id, 'asg_m_' || i, p.principal_type, 'usr_' || i, p.role, p.scope_kind, p.scope_id,
      replace(p.record::text, ${JSON.stringify(userIdOf(prototype))}, '"usr_' || i || '"')::jsonb
    FROM ${s}.role_assignments AS p CROSS JOIN generate_series(${first}::int, ${last}::int) AS i
    WHERE p.organization_id = ${organizationIdOf(org)} AND p.id = ${memberAssignmentIdOf(prototype)}`;
}

/** What loading one part took. */
export interface LoadTimes {
  /** Rows written through the store (organizations, admins, groups, prototypes). */
  readonly throughStoreMs: number;
  /** The `INSERT … SELECT` statements. */
  readonly generateMs: number;
  /** Re-creating the secondary indexes. */
  readonly indexesMs: number;
  /** `VACUUM (ANALYZE)`. */
  readonly analyzeMs: number;
  readonly totalMs: number;
}

/**
 * Runs `generate` with the table's secondary indexes dropped, then re-creates them from their own
 * definitions (so the schema ends exactly as `migrate` made it) and runs `VACUUM (ANALYZE)` on `tables`.
 */
async function bulkLoad(
  db: Kysely<any>,
  schema: string,
  table: string,
  tables: readonly string[],
  generate: () => Promise<void>,
  progress: (line: string) => void,
): Promise<Omit<LoadTimes, "throughStoreMs" | "totalMs">> {
  const s = sql.id(schema);
  const dropped = await secondaryIndexes(db, schema, table);
  for (const index of dropped) await sql`DROP INDEX ${s}.${sql.id(index.name)}`.execute(db);
  const generateStarted = performance.now();
  await generate();
  const generateMs = performance.now() - generateStarted;
  const indexesStarted = performance.now();
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
    for (const index of dropped) await sql.raw(index.definition).execute(trx);
  });
  const indexesMs = performance.now() - indexesStarted;
  progress(`${table}: ${dropped.length} secondary indexes re-created (${(indexesMs / 1000).toFixed(1)} s)`);
  const analyzeStarted = performance.now();
  for (const name of tables) await sql`VACUUM (ANALYZE) ${s}.${sql.id(name)}`.execute(db);
  return { generateMs, indexesMs, analyzeMs: performance.now() - analyzeStarted };
}

const BATCH = 50_000;

/**
 * Loads everything but the users' own role assignments into an empty migrated schema: organizations,
 * admins, groups and the prototype assignments through the store, then the users in SQL. Only the
 * admins and the groups hold roles afterwards, as in the memory expiry bench.
 */
export async function loadUsers(
  db: Kysely<any>,
  store: PostgresStore,
  schema: string,
  population: Population,
  progress: (line: string) => void,
): Promise<LoadTimes> {
  const started = performance.now();
  await seedThroughStore(store, population);
  const throughStoreMs = performance.now() - started;
  const times = await bulkLoad(db, schema, "users", ["organizations", "users", "groups", "group_members", "role_assignments"], async () => {
    const generateStarted = performance.now();
    for (let org = 0; org < ORGANIZATIONS; org += 1) {
      const first = org * population.perOrganization;
      const template = recordOf(templateUser(organizationIdOf(org), userIdOf(first), "template", "Template User"));
      for (let start = first; start < first + population.perOrganization; start += BATCH) {
        const last = Math.min(start + BATCH, first + population.perOrganization) - 1;
        await insertUsers(schema, population, org, start, last, template).execute(db);
      }
      progress(`users of ${organizationIdOf(org)} generated (${((performance.now() - generateStarted) / 1000).toFixed(1)} s)`);
    }
  }, progress);
  return { throughStoreMs, ...times, totalMs: performance.now() - started };
}

/** Gives every user (but the prototypes' users, who have it already) the `member` role in their organization, in SQL. */
export async function loadAssignments(db: Kysely<any>, schema: string, population: Population, progress: (line: string) => void): Promise<LoadTimes> {
  const started = performance.now();
  const times = await bulkLoad(db, schema, "role_assignments", ["role_assignments"], async () => {
    for (let org = 0; org < ORGANIZATIONS; org += 1) {
      const first = org * population.perOrganization;
      for (let start = first + 1; start < first + population.perOrganization; start += BATCH * 2) {
        const last = Math.min(start + BATCH * 2, first + population.perOrganization) - 1;
        await insertAssignments(schema, population, org, start, last).execute(db);
      }
    }
  }, progress);
  return { throughStoreMs: 0, ...times, totalMs: performance.now() - started };
}

/** What the population of user `index` must look like (the parts that do not come from the hash). */
function expectPlanned(user: User, population: Population, index: number): string[] {
  const problems: string[] = [];
  const org = Math.floor(index / population.perOrganization);
  const thirdParty = index % 20 === 0;
  const due = thirdParty && (index / 20) % 5 === 0;
  const offset = !thirdParty ? null : due ? -(1 + (index % 60)) : 20 + (index % 70);
  const expected = offset === null ? null : new Date(NOW.getTime() + offset * DAY).toISOString();
  if (user.organizationId !== organizationIdOf(org)) problems.push(`organization ${user.organizationId}`);
  if (!new RegExp(`^(${GIVEN.join("|")}) (${FAMILY.join("|")}) ${index}$`, "u").test(user.fullName)) problems.push(`fullName ${user.fullName}`);
  if (user.username !== `${sortKey(user.fullName.split(" ")[0] ?? "")}.${index}`) problems.push(`username ${user.username}`);
  if (user.email !== `${user.username}@example.com`) problems.push(`email ${user.email}`);
  if (user.thirdParty !== thirdParty) problems.push(`thirdParty ${user.thirdParty}`);
  if ((user.accessExpiresAt?.toISOString() ?? null) !== expected) problems.push(`accessExpiresAt ${user.accessExpiresAt?.toISOString()}`);
  if (user.invitedBy !== (thirdParty ? adminIdOf(org) : null)) problems.push(`invitedBy ${user.invitedBy}`);
  if (!CITIES.includes(user.location as (typeof CITIES)[number]) || !COMPANIES.includes(user.company as (typeof COMPANIES)[number])) {
    problems.push(`location/company ${user.location}/${user.company}`);
  }
  if (user.account.status !== "active") problems.push(`status ${user.account.status}`);
  return problems;
}

/** Sample user indexes for the checks: both ends of each organization, third-party users due and not, some in between. */
function sampleIndexes(population: Population): number[] {
  const indexes = new Set<number>();
  for (let org = 0; org < ORGANIZATIONS; org += 1) {
    const first = org * population.perOrganization;
    for (const offset of [0, 1, 20, 40, 100, 123, 7_777, population.perOrganization - 1]) indexes.add(first + offset);
  }
  return [...indexes].sort((a, b) => a - b);
}

const SCRATCH = "org_verify" as OrganizationId;

/**
 * The columns in which the store's copies (in the scratch organization) differ from the generated rows
 * they copy: none, or the verification fails. jsonb compares by value, so key order does not matter.
 */
async function compareCopies(db: Kysely<any>, schema: string, table: "users" | "role_assignments", expected: number): Promise<string[]> {
  const s = sql.id(schema);
  const t = sql.id(table);
  const differing = await sql<{ id: string; columns: string | null }>`
    SELECT g.id, (
      SELECT string_agg(key, ', ') FROM jsonb_each(to_jsonb(g) - 'organization_id') AS e(key, value)
      WHERE e.value IS DISTINCT FROM (to_jsonb(c) - 'organization_id') -> e.key
    ) AS columns
    FROM ${s}.${t} AS g JOIN ${s}.${t} AS c ON c.organization_id = ${SCRATCH} AND c.id = g.id
    WHERE g.organization_id <> ${SCRATCH}`.execute(db);
  const problems = differing.rows.length === expected ? [] : [`${table}: compared ${differing.rows.length} copies of ${expected}`];
  for (const row of differing.rows) if (row.columns !== null) problems.push(`${table} ${row.id}: the generated row differs from the store's in ${row.columns}`);
  await sql`DELETE FROM ${s}.${t} WHERE organization_id = ${SCRATCH}`.execute(db);
  await sql`DELETE FROM ${s}.organizations WHERE id = ${SCRATCH}`.execute(db);
  return problems;
}

const scratchOrganization = {
  id: SCRATCH, name: "Verification", kind: "customer", partnerId: null, entitlements: null, contactPersonId: null,
  settings: {}, version: 0, createdAt: NOW, updatedAt: NOW, attributes: {},
} as const;

function fail(problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(`VERIFY FAILED: the generated rows do not match the model:\n  ${problems.join("\n  ")}`);
}

/**
 * Fails loudly unless the generated users are what the store itself writes: reads sample users back
 * through the store (a record breaking the model is a `corrupt_record` error) and its finders, checks
 * them against the plan, then writes copies through the store into a scratch organization and compares
 * every column of each copy with the generated row. Also checks the counts.
 */
export async function verifyUsers(db: Kysely<any>, store: PostgresStore, schema: string, population: Population): Promise<string> {
  const s = sql.id(schema);
  const problems: string[] = [];
  const read = await store.transaction(async (tx) => {
    const users: User[] = [];
    for (const index of sampleIndexes(population)) {
      const org = Math.floor(index / population.perOrganization);
      const user = await tx.users.get(organizationIdOf(org), userIdOf(index));
      if (user === null) {
        problems.push(`usr_${index}: not found`);
        continue;
      }
      users.push(user);
      problems.push(...expectPlanned(user, population, index).map((problem) => `usr_${index}: ${problem}`));
      if ((await tx.users.findByUsername(user.organizationId, user.username.toUpperCase()))?.id !== user.id) problems.push(`usr_${index}: findByUsername`);
      if (!(await tx.users.findByEmail(user.organizationId, ` ${user.email.toUpperCase()} `)).some((found) => found.id === user.id)) {
        problems.push(`usr_${index}: findByEmail`);
      }
      if (!(await tx.users.findByFullName(user.organizationId, `  ${user.fullName}`)).some((found) => found.id === user.id)) {
        problems.push(`usr_${index}: findByFullName`);
      }
    }
    // A filtered page decodes and holds only matching users.
    const page = await tx.users.list(organizationIdOf(3), userQuerySchema.parse({ filter: { locations: ["Berlin"], companies: ["Contoso"] }, limit: 50 }));
    if (page.isErr()) problems.push(`list: ${page.error.message}`);
    else if (page.value.items.length !== 50 || page.value.items.some((user) => user.location !== "Berlin" || user.company !== "Contoso")) {
      problems.push("list: the filtered page is wrong");
    }
    const organization = await tx.organizations.insert(scratchOrganization);
    if (organization.isErr()) return err(organization.error);
    for (const user of users) {
      const copy = await tx.users.insert({ ...user, organizationId: SCRATCH });
      if (copy.isErr()) return err(copy.error);
    }
    return ok(users.length);
  });
  if (read.isErr()) throw new Error(`VERIFY FAILED: reading generated users through the store: ${read.error.code} ${read.error.message}`);
  problems.push(...(await compareCopies(db, schema, "users", read.value)));

  const counts = await sql<{ users: string; third_party: string; due: string; members: string }>`
    SELECT (SELECT count(*) FROM ${s}.users) AS users,
      (SELECT count(*) FROM ${s}.users WHERE third_party) AS third_party,
      (SELECT count(*) FROM ${s}.users WHERE third_party AND access_expires_at <= ${NOW}) AS due,
      (SELECT count(*) FROM ${s}.group_members) AS members`.execute(db);
  const count = counts.rows[0];
  const expectedUsers = population.users + ORGANIZATIONS;
  if (
    count === undefined ||
    Number(count.users) !== expectedUsers ||
    Number(count.third_party) !== population.users / 20 ||
    Number(count.due) !== population.due ||
    Number(count.members) !== ORGANIZATIONS * GROUPS_PER_ORGANIZATION * GROUP_SIZE
  ) {
    problems.push(`counts ${JSON.stringify(count)}, expected ${expectedUsers} users, ${population.due} due`);
  }
  fail(problems);
  return (
    `${read.value} sample users read back through the store and its finders match the plan, and copies the store wrote equal ` +
    `the generated rows in every column; ${count?.users} users, ${count?.third_party} third party, ${count?.due} due, ${count?.members} group memberships`
  );
}

/** Like {@link verifyUsers}, for the generated `member` assignments: read back, checked, copied and compared. */
export async function verifyAssignments(db: Kysely<any>, store: PostgresStore, schema: string, population: Population): Promise<string> {
  const problems: string[] = [];
  const read = await store.transaction(async (tx) => {
    const copies: RoleAssignment[] = [];
    for (const index of sampleIndexes(population)) {
      const organizationId = organizationIdOf(Math.floor(index / population.perOrganization));
      const assignments = await tx.assignments.listForPrincipals(organizationId, [{ type: "user", id: userIdOf(index) }]);
      const member = assignments.find((assignment) => assignment.role === "member");
      if (
        assignments.length !== 1 ||
        member === undefined ||
        member.id !== memberAssignmentIdOf(index) ||
        member.principal.type !== "user" ||
        member.principal.id !== userIdOf(index) ||
        member.scope.kind !== "organization" ||
        member.scope.id !== organizationId
      ) {
        problems.push(`usr_${index}: assignments ${JSON.stringify(assignments)}`);
      }
      if (member !== undefined) copies.push({ ...member, organizationId: SCRATCH });
    }
    const organization = await tx.organizations.insert(scratchOrganization);
    if (organization.isErr()) return err(organization.error);
    for (const copy of copies) {
      const inserted = await tx.assignments.insert(copy);
      if (inserted.isErr()) return err(inserted.error);
    }
    return ok(copies.length);
  });
  if (read.isErr()) throw new Error(`VERIFY FAILED: reading generated assignments through the store: ${read.error.code} ${read.error.message}`);
  problems.push(...(await compareCopies(db, schema, "role_assignments", read.value)));
  const counted = await sql<{ count: string }>`SELECT count(*) AS count FROM ${sql.id(schema)}.role_assignments`.execute(db);
  const count = Number(counted.rows[0]?.count ?? 0);
  const expected = population.users + ORGANIZATIONS * (1 + GROUPS_PER_ORGANIZATION);
  if (count !== expected) problems.push(`${count} assignments, expected ${expected}`);
  fail(problems);
  return `${read.value} sample assignments read back through the store, copies equal the generated rows; ${count} assignments`;
}


/** Puts the users the sweep de-activated back to `active`, in one statement (not measured). */
export async function reactivateDue(db: Kysely<any>, schema: string): Promise<number> {
  const result = await sql`
    UPDATE ${sql.id(schema)}.users
    SET status = 'active', version = version + 1, record = jsonb_set(record, '{account}', '{"status":"active"}'::jsonb)
    WHERE third_party AND access_expires_at <= ${NOW} AND status <> 'active'`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
