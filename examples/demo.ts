/**
 * A short walkthrough of `tenure`: create an organization, add users under the zoned workspace
 * manual's rules (warnings allowed, errors must be edited), put them in groups, list them filtered,
 * sorted and paged, then run an invitation and a third-party access window through the service.
 *
 * `npm run demo` runs on the embedded in-memory store. `npm run demo -- --db ./data` runs on PostgreSQL
 * in the process (PGlite) with its data in `./data`, kept between runs; `--db postgres://…` runs on a
 * PostgreSQL server.
 */
import { err, ok } from "neverthrow";
import * as z from "zod";
import type { Kysely } from "kysely";
import { createPostgresStore, migrate } from "tenure/postgres";
import {
  createManualClock,
  createMemoryMailer,
  createMemoryStore,
  createTenure,
  defineCatalog,
  deliverOutbox,
  systemActor,
  userActor,
  createNanoidIdGenerator,
  DEFAULT_SETTINGS,
  defineModel,
  draftUser,
  organizationScope,
  systemClock,
  userQuerySchema,
  type Diagnostic,
  type Group,
  type GroupId,
  type NewUserInput,
  type TenureStore,
  type Organization,
  type OrganizationId,
  type RoleAssignmentId,
  type User,
  type UserId,
  type UserQueryInput,
} from "tenure";

// The zoned workspace's own check boxes, declared once and typed through the API.
const model = defineModel({
  userAttributes: z.object({
    showVersion: z.boolean().default(true),
    showTeams: z.boolean().default(true),
    getReport: z.boolean().default(true),
  }),
});
type WorkspaceAttributes = { showVersion: boolean; showTeams: boolean; getReport: boolean };
type WorkspaceUser = User<WorkspaceAttributes>;

/** `--db <directory | postgres://…>`: where to keep the data; in memory when absent. */
const databaseArgument = ((): string | undefined => {
  const index = process.argv.indexOf("--db");
  return index === -1 ? undefined : process.argv[index + 1];
})();
const database = databaseArgument === undefined ? null : await openDatabase(databaseArgument);
/** A store of the chosen kind: a fresh memory store, or one more handle on the shared database. */
const newStore = (): TenureStore<WorkspaceAttributes, Record<never, never>> => (database === null ? createMemoryStore({ model }) : createPostgresStore({ db: database, model }));

/** PGlite in a directory, or a server; brings `tenure`'s tables up to date either way. */
async function openDatabase(where: string): Promise<Kysely<any>> {
  const { Kysely, PostgresDialect } = await import("kysely");
  let db: Kysely<any>;
  if (/^postgres(ql)?:\/\//.test(where)) {
    const { default: pg } = await import("pg");
    db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: where }) }) });
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGliteDialect } = await import("kysely-pglite-dialect");
    db = new Kysely<any>({ dialect: new PGliteDialect(await PGlite.create(where)) });
  }
  const migrated = await migrate(db);
  if (migrated.isErr()) throw new Error(migrated.error.message);
  return db;
}

const store = newStore();
const ids = createNanoidIdGenerator();
const clock = systemClock;
const print = (line = ""): void => console.log(line);

async function main(): Promise<void> {
  if (database === null) print("tenure demo: user administration on the embedded in-memory store");
  else {
    const earlier = await store.transaction(async (tx) => ok(await tx.organizations.list()));
    print(`tenure demo: user administration on PostgreSQL (${databaseArgument})`);
    print(`   the database holds ${earlier._unsafeUnwrap().length} organizations from earlier runs; this run adds three.`);
  }

  // 1. An organization (a tenant).
  const now = clock.now();
  const organization: Organization = {
    id: ids.next("organization") as OrganizationId,
    name: "Northwind Proposals",
    kind: "customer",
    partnerId: null,
    entitlements: null,
    contactPersonId: null,
    settings: {},
    version: 0,
    createdAt: now,
    updatedAt: now,
    attributes: {},
  };
  const created = await store.transaction((tx) => tx.organizations.insert(organization));
  if (created.isErr()) throw new Error(created.error.message);
  print(`\n1. Created the organization "${organization.name}" (${organization.id}).`);

  // 2. Users, checked by the manual's rules before they are stored.
  print("\n2. Adding users. E-mail format and forbidden file-name characters block; duplicates and long values only warn.");
  const people: NewUserInput[] = [
    { username: "ann.lee", fullName: "Ann Lee", email: "ann.lee@northwind.example", location: "Berlin", company: "Northwind" },
    { username: "bob", fullName: "Bob/Builder", email: "bob@northwind.example", location: "Berlin", company: "Northwind" },
    { username: "maria", fullName: "María Núñez", email: "maria@northwind.example", location: "Berlin", company: "Northwind" },
    { username: "mike", fullName: "Mike Ross", email: "MIKE@Northwind.example", location: "Lisbon", company: "Northwind" },
    { username: "mika", fullName: "Mika Häkkinen", email: "mike@northwind.example", location: "Berlin", company: "Northwind",
      attributes: { getReport: false } },
    { username: "zoe", fullName: "Zoë Adams", email: "zoe@partner.example", location: "Berlin", company: "Contoso", audience: "external" },
    { username: "sam", fullName: "Sam Ortiz", email: "sam@northwind", location: "Berlin", company: "Northwind" },
  ];
  const users = new Map<string, WorkspaceUser>();
  for (const person of people) {
    const outcome = await addUser(organization.id, person);
    if (outcome.isOk()) {
      users.set(outcome.value.user.username, outcome.value.user);
      print(`   added   ${outcome.value.user.username.padEnd(8)} ${outcome.value.user.fullName}`);
      for (const warning of outcome.value.warnings) print(`           warning ${describe(warning)}`);
      continue;
    }
    print(`   refused ${String(person.username).padEnd(8)} ${person.fullName}`);
    for (const issue of outcome.error) print(`           ${issue.severity} ${describe(issue)}`);
    if (person.username === "bob") {
      const edited = await addUser(organization.id, { ...person, fullName: "Bob Builder" });
      if (edited.isOk()) {
        users.set("bob", edited.value.user);
        print(`   added   bob      Bob Builder (after editing the full name)`);
      }
    }
  }

  // 3. Groups and roles.
  const editors = newGroup(organization.id, "Proposal editors", "#1e90ff", ["ann.lee", "maria", "zoe"], users);
  const reviewers = newGroup(organization.id, "Reviewers", "#ff8c00", ["mike", "mika", "bob"], users);
  const stored = await store.transaction(async (tx) => {
    for (const group of [editors, reviewers]) {
      const inserted = await tx.groups.insert(group);
      if (inserted.isErr()) return err(inserted.error);
    }
    const admin = users.get("ann.lee");
    if (admin === undefined) return ok(undefined);
    const granted = await tx.assignments.insert({
      id: ids.next("assignment") as RoleAssignmentId,
      organizationId: organization.id,
      principal: { type: "group", id: reviewers.id },
      role: "proposal_reviewer",
      scope: organizationScope(organization.id),
      grantedBy: admin.id,
      grantedAt: clock.now(),
    });
    return granted.isErr() ? err(granted.error) : ok(undefined);
  });
  if (stored.isErr()) throw new Error(stored.error.message);
  print(`\n3. Groups: "${editors.name}" (${editors.memberIds.length} members), "${reviewers.name}" (${reviewers.memberIds.length} members);`);
  print(`   the reviewers group holds the role proposal_reviewer, so its members do too.`);

  // 4. A filtered, sorted, paged list.
  print("\n4. Users in Berlin at Northwind, by full name, two per page:");
  await printPages(organization.id, { filter: { locations: ["Berlin"], companies: ["Northwind"] }, limit: 2 });

  print("\n5. Holders of proposal_reviewer (through their group), by e-mail:");
  await printPages(organization.id, { filter: { roles: ["proposal_reviewer"] }, sort: { field: "email" }, limit: 10 });

  print('\n6. Type "m" to jump to the users whose full name starts with it:');
  await printPages(organization.id, { prefix: "m", limit: 10 });

  const external = users.get("zoe");
  if (external !== undefined) {
    print(`\n7. What the external user ${external.fullName} may see: only people who share a group with her:`);
    await printPages(organization.id, { visibility: { type: "shared_groups", viewerId: external.id }, limit: 10 });
  }
  await invitationEndToEnd();
  await thirdPartyWindow();
  await store.close();
  await database?.destroy();
  print("\nDone. Next: docs/getting-started.md and docs/lifecycle.md");
}

/** A contractor's access window: the maximum, the management view, and the sweep when the date passes. */
async function thirdPartyWindow(): Promise<void> {
  print("\n9. A third-party contractor, time-limited (90 calendar days at most, in Berlin time):");
  const catalog = defineCatalog({
    scopes: { platform: {}, organization: { parent: "platform" } },
    permissions: { "users.manage": {}, "system.admin": {}, "proposals.view": {} },
    roles: {
      system_admin: { permissions: ["users.manage", "system.admin", "proposals.view"], scopes: ["organization"] },
      contractor: { permissions: ["proposals.view"], scopes: ["organization"] },
    },
    administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
  })._unsafeUnwrap();
  const clock = createManualClock(new Date("2026-03-02T09:00:00Z"));
  const serviceStore = newStore();
  const tenure = createTenure({
    catalog, store: serviceStore, model, clock,
    settings: { timeZone: "Europe/Berlin", thirdParty: { enabled: true, maxAccessDays: 90 } },
    links: ({ purpose, secret }) => `https://proposals.example/${purpose}?token=${secret}`,
  });
  const setup = systemActor("setup");
  const org = (await tenure.organizations.create(setup, { name: "Northwind Proposals" }))._unsafeUnwrap();
  const admin = (await tenure.onboarding.invite(setup, {
    organizationId: org.id, user: { username: "sys", fullName: "Sys Admin", email: "sys@northwind.example" }, roles: [{ role: "system_admin" }], activate: true, sendInvitation: false,
  }))._unsafeUnwrap().user;
  const asAdmin = userActor(org.id, admin.id);
  const carl = (await tenure.onboarding.invite(asAdmin, {
    organizationId: org.id, user: { username: "carl", fullName: "Carl Contractor", email: "carl@supplier.example", audience: "external" }, roles: [{ role: "contractor" }], activate: true, sendInvitation: false,
  }))._unsafeUnwrap().user;
  const tooLate = await tenure.thirdParty.setAccess(asAdmin, { organizationId: org.id, userId: carl.id, expectedVersion: carl.version, change: { type: "make", lastDay: "2026-09-01" } });
  print(`   asking for access until 1 September: ${tooLate.isErr() ? tooLate.error.message : "accepted?!"}`);
  const made = (await tenure.thirdParty.setAccess(asAdmin, { organizationId: org.id, userId: carl.id, expectedVersion: carl.version, change: { type: "make" } }))._unsafeUnwrap();
  const view = (await tenure.thirdParty.list(asAdmin, { organizationId: org.id }))._unsafeUnwrap();
  for (const row of view.items) print(`   management view: ${row.user.fullName}, last day ${row.lastDay}, ${row.daysLeft} days left.`);
  const place = { organizationId: org.id };
  print(`   Carl may view proposals today: ${await tenure.access.can({ organizationId: org.id, userId: made.id }, "proposals.view", place)}.`);
  clock.set(new Date("2026-06-01T08:00:00Z"));
  print(`   on 1 June (his window closed at midnight), before any job ran: ${await tenure.access.can({ organizationId: org.id, userId: made.id }, "proposals.view", place)}.`);
  const first = await tenure.jobs.expireDue();
  const second = await tenure.jobs.expireDue();
  print(`   the sweep de-activates ${first.expired.length} user and mails the admins a digest; run again, it finds ${second.expired.length}.`);
  const digest = (await serviceStore.transaction(async (tx) => ok(await tx.outbox.list(org.id))))._unsafeUnwrap().filter((mail) => mail.template === "expiry_digest");
  print(`   digest: "${digest[0]?.subject}" to ${digest.map((mail) => mail.to.address).join(", ")}.`);
}

/** The service on top of the same kind of store: an invitation from the admin's click to the first sign-in. */
async function invitationEndToEnd(): Promise<void> {
  print("\n8. An invitation end to end, through the service:");
  const catalog = defineCatalog({
    scopes: { platform: {}, organization: { parent: "platform" }, zone: { parent: "organization" } },
    permissions: { "users.manage": {}, "system.admin": {}, "proposals.view": {}, "proposals.edit": { requires: ["proposals.view"] } },
    roles: {
      admin: { permissions: ["users.manage", "proposals.view", "proposals.edit"], scopes: ["organization"] },
      reviewer: { permissions: ["proposals.view"], scopes: ["organization", "zone"], default: true },
      editor: { includes: ["reviewer"], permissions: ["proposals.edit"], scopes: ["organization", "zone"] },
    },
    administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
  })._unsafeUnwrap();
  const serviceStore = newStore();
  const tenure = createTenure({ catalog, store: serviceStore, model, links: ({ purpose, secret }) => `https://proposals.example/${purpose}?token=${secret}` });
  const setup = systemActor("setup");
  const org = (await tenure.organizations.create(setup, { name: "Northwind Proposals" }))._unsafeUnwrap();
  const admin = (
    await tenure.onboarding.invite(setup, {
      organizationId: org.id, user: { username: "ann.lee", fullName: "Ann Lee", email: "ann.lee@northwind.example" }, roles: [{ role: "admin" }], activate: true, sendInvitation: false,
    })
  )._unsafeUnwrap().user;
  print(`   the first user, ${admin.fullName}, is the contact person and admin (activated by the set-up).`);

  const invited = await tenure.onboarding.invite(userActor(org.id, admin.id), {
    organizationId: org.id,
    user: { username: "bob", fullName: "Bob Builder", email: "bob@northwind.example" },
    roles: [{ role: "editor" }],
    message: "Welcome to the proposal team!",
  });
  const bob = invited._unsafeUnwrap().user;
  const rolesRightAway = (await tenure.access.effective({ organizationId: org.id, userId: bob.id }, { organizationId: org.id }))._unsafeUnwrap().list();
  print(`   Ann invites Bob as editor; Bob is "${bob.account.status}" and holds ${rolesRightAway.length === 0 ? "nothing yet" : rolesRightAway.join(", ")} (no default role to revoke, ever).`);

  const mailer = createMemoryMailer();
  const report = await deliverOutbox({ store: serviceStore, mailer, clock: systemClock });
  const mail = mailer.sent.find((sent) => sent.to.address === "bob@northwind.example");
  print(`   outbox delivered ${report.sent === 1 ? "1 mail" : `${report.sent} mails`}, among them "${mail?.subject}" to ${mail?.to.address} (no password inside).`);

  const secret = new URL(/https:\/\/\S+/.exec(mail?.text ?? "")?.[0] ?? "https://x.invalid").searchParams.get("token") ?? "";
  const accepted = await tenure.onboarding.acceptInvitation({ secret, password: "a long and private passphrase" });
  print(`   Bob follows the link and sets a password: ${accepted.isOk() ? accepted.value.account.status : accepted.error.message}.`);
  const again = await tenure.onboarding.acceptInvitation({ secret, password: "a long and private passphrase" });
  print(`   the same link a second time: ${again.isErr() ? again.error.code : "accepted?!"}.`);

  const wrong = await tenure.credentials.signIn({ organizationId: org.id, login: "bob", password: "guess" });
  const right = await tenure.credentials.signIn({ organizationId: org.id, login: "bob@northwind.example", password: "a long and private passphrase" });
  print(`   sign-in with a wrong password: ${wrong.isErr() ? wrong.error.message : "allowed?!"}`);
  print(`   sign-in with the right one: ${right.isOk() ? "allowed" : right.error.message}.`);
  const can = await tenure.access.can({ organizationId: org.id, userId: bob.id }, "proposals.edit", { organizationId: org.id });
  print(`   Bob may edit proposals: ${can}. ${(await tenure.access.explain({ organizationId: org.id, userId: bob.id }, "users.manage", { organizationId: org.id }))._unsafeUnwrap().message}`);

  const log = (await tenure.audit.query(userActor(org.id, admin.id), { organizationId: org.id, limit: 10 }))._unsafeUnwrap();
  print(`   the audit log, newest first: ${log.items.map((event) => event.action).join(", ")}.`);
}

async function addUser(
  organizationId: OrganizationId,
  input: NewUserInput,
): Promise<import("neverthrow").Result<{ user: WorkspaceUser; warnings: readonly Diagnostic[] }, readonly Diagnostic[]>> {
  const result = await store.transaction(async (tx) => {
    const [sameEmail, sameName] = await Promise.all([
      tx.users.findByEmail(organizationId, String(input.email)),
      tx.users.findByFullName(organizationId, String(input.fullName)),
    ]);
    const draft = draftUser(input, {
      id: ids.next("user") as UserId,
      organizationId,
      now: clock.now(),
      model,
      settings: DEFAULT_SETTINGS,
      others: [...sameEmail, ...sameName],
      account: { status: "active" },
      invitedBy: null,
    });
    if (draft.isErr()) return err(draft.error.issues);
    const inserted = await tx.users.insert(draft.value.user);
    if (inserted.isErr()) return err([{ severity: "error" as const, field: inserted.error.field, code: inserted.error.code, message: inserted.error.message }]);
    return ok({ user: inserted.value, warnings: draft.value.warnings });
  });
  return result.mapErr((error) => ("code" in error ? [{ severity: "error" as const, field: "", code: error.code, message: error.message }] : error));
}

function newGroup(
  organizationId: OrganizationId,
  name: string,
  colour: string,
  members: readonly string[],
  users: ReadonlyMap<string, WorkspaceUser>,
): Group {
  const now = clock.now();
  return {
    id: ids.next("group") as GroupId,
    organizationId,
    name,
    colour,
    memberIds: members.flatMap((username) => users.get(username)?.id ?? []),
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

async function printPages(organizationId: OrganizationId, input: UserQueryInput): Promise<void> {
  let after: string | undefined;
  let page = 1;
  do {
    const query = userQuerySchema.parse({ ...input, asOf: clock.now(), ...(after === undefined ? {} : { after }) });
    const listed = await store.transaction((tx) => tx.users.list(organizationId, query));
    if (listed.isErr()) throw new Error(listed.error.message);
    const names = listed.value.items.map((user) => `${user.fullName} <${user.email}>`);
    print(`   page ${page}: ${names.length === 0 ? "(nobody)" : names.join(", ")}`);
    after = listed.value.nextCursor ?? undefined;
    page += 1;
  } while (after !== undefined);
}

function describe(finding: Diagnostic): string {
  return `${finding.field}: ${finding.code}: ${finding.message}`;
}

await main();
