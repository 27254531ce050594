/**
 * The expiry sweep on the in-memory store: 1,000,000 users in 10 organizations, 5% of them third
 * party, dated so that 1% of all users (10,000) are past their date. Measures `expireDue` de-activating
 * them (one audit event each, one digest per organization), and a second run with nothing left to do.
 * Between measured runs the due users are put back to `active` directly in the store.
 */
import { performance } from "node:perf_hooks";
import { err, ok } from "neverthrow";
import {
  createManualClock,
  createMemoryStore,
  defineCatalog,
  DEFAULT_MODEL,
  DEFAULT_SETTINGS,
  draftUser,
  organizationScope,
  type OrganizationId,
  type RoleAssignmentId,
  type User,
  type UserId,
} from "tenure";
import { expireDue } from "../src/service/jobs/expire-due.js";
import { createServiceContext } from "../src/service/_internal/service-context.js";
import { NODE_DEFAULTS } from "../src/create-tenure.js";
import { report, type Measurement } from "./harness.js";

const DAY = 86_400_000;
const now = new Date("2026-06-01T12:00:00Z");
const ORGANIZATIONS = 10;

const catalog = defineCatalog({
  scopes: { platform: {}, organization: { parent: "platform" } },
  permissions: { "system.admin": {}, "users.manage": {}, "documents.view": {} },
  roles: {
    system_admin: { superuser: true, scopes: ["platform"] },
    company_admin: { permissions: ["users.manage", "documents.view"], scopes: ["organization"] },
    member: { permissions: ["documents.view"], scopes: ["organization"], default: true },
  },
  administration: { manageUsers: "users.manage", superAdmin: "system.admin" },
})._unsafeUnwrap();

type Store = ReturnType<typeof createMemoryStore>;

function templateUser(organizationId: OrganizationId): User {
  const draft = draftUser(
    { username: "template", fullName: "Template User", email: "template@example.com" },
    { id: "usr_template" as UserId, organizationId, now: new Date(now.getTime() - 200 * DAY), model: DEFAULT_MODEL, settings: DEFAULT_SETTINGS, others: [], account: { status: "active" }, invitedBy: null },
  );
  if (draft.isErr()) throw new Error(draft.error.message);
  return draft.value.user;
}

/**
 * User `index` of the whole population: every 20th is third party (5%); a fifth of those (1% of all)
 * expired 1 to 60 days ago, the others expire 20 to 89 days from now (outside the reminder window).
 */
function makeUser(template: User, organizationId: OrganizationId, index: number, adminId: UserId): User {
  const name = `user${index}`;
  const user: User = { ...template, id: `usr_${index}` as UserId, organizationId, username: name, fullName: `User ${index}`, email: `${name}@example.com` };
  if (index % 20 !== 0) return user;
  const due = (index / 20) % 5 === 0;
  const offset = due ? -(1 + (index % 60)) * DAY : (20 + (index % 70)) * DAY;
  return { ...user, thirdParty: true, accessExpiresAt: new Date(now.getTime() + offset), invitedBy: adminId };
}

async function seed(store: Store, users: number): Promise<{ due: User[]; seedMs: number }> {
  const start = performance.now();
  const perOrganization = users / ORGANIZATIONS;
  const due: User[] = [];
  for (let org = 0; org < ORGANIZATIONS; org += 1) {
    const organizationId = `org_${String(org).padStart(2, "0")}` as OrganizationId;
    const template = templateUser(organizationId);
    const adminId = `usr_admin_${org}` as UserId;
    const made = await store.transaction(async (tx) => {
      const organization = await tx.organizations.insert({
        id: organizationId, name: `Organization ${org}`, kind: "customer", partnerId: null, entitlements: null, contactPersonId: null,
        settings: {}, version: 0, createdAt: now, updatedAt: now, attributes: {},
      });
      if (organization.isErr()) return err(organization.error);
      const admin = await tx.users.insert({ ...template, id: adminId, username: `admin${org}`, fullName: `Admin ${org}`, email: `admin${org}@example.com` });
      if (admin.isErr()) return err(admin.error);
      return tx.assignments.insert({
        id: `asg_admin_${org}` as RoleAssignmentId, organizationId, principal: { type: "user", id: adminId }, role: "company_admin",
        scope: organizationScope(organizationId), grantedBy: null, grantedAt: now,
      });
    });
    if (made.isErr()) throw new Error(made.error.message);
    const batch = 10_000;
    for (let first = org * perOrganization; first < (org + 1) * perOrganization; first += batch) {
      const stored = await store.transaction(async (tx) => {
        for (let index = first; index < Math.min(first + batch, (org + 1) * perOrganization); index += 1) {
          const user = makeUser(template, organizationId, index, adminId);
          if (user.thirdParty && (user.accessExpiresAt as Date) <= now) due.push(user);
          const inserted = await tx.users.insert(user);
          if (inserted.isErr()) return err(inserted.error);
        }
        return ok(undefined);
      });
      if (stored.isErr()) throw new Error(stored.error.message);
    }
  }
  return { due, seedMs: performance.now() - start };
}

/** Puts the due users back to `active` (not measured), so the next run has the same work. */
async function reactivate(store: Store, due: readonly User[]): Promise<void> {
  for (let first = 0; first < due.length; first += 5_000) {
    const done = await store.transaction(async (tx) => {
      for (const seeded of due.slice(first, first + 5_000)) {
        const current = await tx.users.get(seeded.organizationId, seeded.id);
        if (current === null) return err(new Error(`missing ${seeded.id}`));
        const updated = await tx.users.update({ ...current, account: { status: "active" } });
        if (updated.isErr()) return err(updated.error);
      }
      return ok(undefined);
    });
    if (done.isErr()) throw new Error(String(done.error));
  }
}

function summarize(name: string, times: number[], note: string): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (quantile: number): number => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? Number.NaN;
  return { name, runs: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), note };
}

/** Seeds `users` users and measures the sweep. */
export async function benchExpiry(users: number, runs = 5): Promise<Measurement[]> {
  const store = createMemoryStore();
  const { due, seedMs } = await seed(store, users);
  const context = createServiceContext({
    catalog, store, clock: createManualClock(now), settings: { thirdParty: { enabled: true } }, links: () => "https://app.example/link",
  }, NODE_DEFAULTS);
  const sweep: number[] = [];
  const idle: number[] = [];
  let expired = 0;
  for (let run = 0; run < runs + 1; run += 1) {
    if (run > 0) await reactivate(store, due);
    (globalThis as { gc?: () => void }).gc?.();
    const start = performance.now();
    const result = await expireDue(context, { now });
    const elapsed = performance.now() - start;
    if (result.expired.length !== due.length || result.conflicts !== 0 || result.errors.length !== 0) {
      throw new Error(`expected ${due.length} expired, got ${result.expired.length} (${result.conflicts} conflicts, ${result.errors.length} errors)`);
    }
    expired = result.expired.length;
    const again = performance.now();
    const second = await expireDue(context, { now });
    const idleMs = performance.now() - again;
    if (second.expired.length !== 0) throw new Error("the second run expired someone");
    if (run === 0) continue; // warm-up
    sweep.push(elapsed);
    idle.push(idleMs);
  }
  const note = `${users.toLocaleString("en")} users, ${ORGANIZATIONS} orgs, seeded in ${(seedMs / 1000).toFixed(1)} s`;
  return [
    summarize(`expireDue, ${expired.toLocaleString("en")} due (1%)`, sweep, note),
    summarize("expireDue again, nothing left to do", idle, "re-reads the de-activated users' index entries"),
  ];
}

/** Runs the suite and prints it. */
export async function runExpiryBench(): Promise<void> {
  const users = Number(process.env["BENCH_EXPIRY_USERS"] ?? 1_000_000);
  report("expiry sweep (memory store)", await benchExpiry(users));
}
