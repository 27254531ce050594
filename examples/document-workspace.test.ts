// The document workspace (manual 003), walked through rule by rule with the catalog and settings of
// examples/catalogs/document-workspace.ts.
import { describe, expect, it } from "vitest";
import {
  canSee,
  catalogToMermaid,
  createAccessResolver,
  mayManageUsers,
  organizationScope,
  organizationTarget,
  userVisibilityFor,
  visibleGroups,
  type AccountState,
  type Group,
  type RoleAssignment,
  type User,
  type Viewer,
} from "tenure";
import { audienceRoles, catalog, settings, type DocumentWorkspaceRole } from "./catalogs/document-workspace.js";
import { assignment, daysFromNow, group, NOW, organization, subjectOf, user } from "./support/fixtures.js";

const access = createAccessResolver(catalog);
const account = organization("acct-studio");
const here = organizationTarget(account);
const inAccount = organizationScope(account.id);

const ada = user("ada", account.id, { audience: "internal" });
const ian = user("ian", account.id, { audience: "internal" });
const eva = user("eva", account.id, { audience: "external" });
const xena = user("xena", account.id, { audience: "external" });
const fred = user("fred", account.id, { audience: "internal" });
const gus = user("gus", account.id, { audience: "guest" });

const roleOf = (person: User): DocumentWorkspaceRole => (person === ada ? "administrator" : audienceRoles[person.audience]);
const assignments: RoleAssignment[] = [ada, ian, eva, xena, fred, gus].map((person) =>
  assignment({ user: person.id }, roleOf(person), inAccount, account.id),
);

const projectBlue = group("grp-blue", account.id, "Project Blue", [eva.id, ian.id]);
const finance = group("grp-finance", account.id, "Finance", [ian.id, fred.id]);
const groups: Group[] = [projectBlue, finance];

const held = (person: User, extra: readonly RoleAssignment[] = [], withGroups: readonly Group[] = groups, at = NOW): string[] =>
  access.effective(subjectOf(person, [...assignments, ...extra], withGroups), here, at).list();
const viewer = (person: User): Viewer => ({
  user: person,
  isAdmin: access.can(subjectOf(person, assignments, groups), catalog.spec.administration.manageUsers, here, NOW),
});

const INTERNAL = [
  "public_collections.join",
  "sharing.with_all_users",
  "collections.create",
  "documents.save",
  "documents.version",
  "documents.index",
  "documents.comment",
  "shared_items.access",
];
const EXTERNAL = ["collections.create", "documents.save", "documents.version", "documents.index", "documents.comment", "shared_items.access"];

describe("Document workspace, roles (manual 003)", () => {
  it("administrators manage the entire account: settings, users and groups, and have the same authorisations as internal users", () => {
    expect(held(ada)).toEqual(["settings.access", "users.manage", "groups.manage", ...INTERNAL]);
    expect(mayManageUsers(catalog, access.effective(subjectOf(ada, assignments), here, NOW)).isOk()).toBe(true);
  });

  it("administrators are the only users with access to the settings options", () => {
    for (const person of [ian, eva, gus]) {
      expect(access.explain(subjectOf(person, assignments), "settings.access", here, NOW)).toMatchObject({
        allowed: false,
        reason: { code: "no_grant" },
      });
      expect(mayManageUsers(catalog, access.effective(subjectOf(person, assignments), here, NOW)).isErr()).toBe(true);
    }
  });

  it("internal users join public collections, share with all users, create collections, save, version, index and comment on documents", () => {
    expect(held(ian)).toEqual(INTERNAL);
  });

  it("external users create collections, save, version, index and comment on documents, but neither join public collections nor share with all users", () => {
    expect(held(eva)).toEqual(EXTERNAL);
    expect(access.can(subjectOf(eva, assignments), "public_collections.join", here, NOW)).toBe(false);
    expect(access.can(subjectOf(eva, assignments), "sharing.with_all_users", here, NOW)).toBe(false);
  });

  it("guests cannot upload documents; they only access what was shared with them", () => {
    expect(held(gus)).toEqual(["shared_items.access"]);
    expect(access.explain(subjectOf(gus, assignments), "documents.save", here, NOW)).toMatchObject({ allowed: false, reason: { code: "no_grant" } });
  });

  it("workflow access is activated per user, besides the role", () => {
    const workflow = assignment({ user: ian.id }, "workflow_user", inAccount, account.id);
    expect(held(ian, [workflow])).toEqual([...INTERNAL, "workflow.access"]);
    expect(held(gus, [assignment({ user: gus.id }, "workflow_user", inAccount, account.id)])).toEqual(["shared_items.access", "workflow.access"]);
  });
});

describe("Document workspace, who sees whom (manual 003)", () => {
  it("an external user sees only her groups and the users sharing one", () => {
    expect(userVisibilityFor(viewer(eva))).toEqual({ type: "shared_groups", viewerId: eva.id });
    expect(visibleGroups(viewer(eva), groups)).toEqual([projectBlue]);
    expect(canSee(viewer(eva), ian, groups)).toBe(true);
    expect(canSee(viewer(eva), fred, groups)).toBe(false);
    expect(canSee(viewer(eva), xena, groups)).toBe(false);
    expect(canSee(viewer(eva), eva, groups)).toBe(true);
  });

  it("a guest sees no other user and no group", () => {
    expect(userVisibilityFor(viewer(gus))).toEqual({ type: "self", viewerId: gus.id });
    expect(visibleGroups(viewer(gus), groups)).toEqual([]);
    for (const other of [ada, ian, eva, fred]) expect(canSee(viewer(gus), other, groups)).toBe(false);
  });

  it("internal users and administrators see all users and groups", () => {
    for (const person of [ian, ada]) {
      expect(userVisibilityFor(viewer(person))).toEqual({ type: "all" });
      expect(visibleGroups(viewer(person), groups)).toEqual(groups);
      for (const other of [eva, xena, gus, fred]) expect(canSee(viewer(person), other, groups)).toBe(true);
    }
    expect(viewer(ada).isAdmin).toBe(true);
    expect(viewer(ian).isAdmin).toBe(false);
  });
});

describe("Document workspace, groups carry authorisations (manual 003)", () => {
  it("a role held by a group is held by every member, and leaving the group takes it away at once", () => {
    const reviewers = group("grp-reviewers", account.id, "Reviewers", [eva.id, fred.id]);
    const groupWorkflow = assignment({ group: reviewers.id }, "workflow_user", inAccount, account.id);
    expect(held(eva, [groupWorkflow], [...groups, reviewers])).toEqual([...EXTERNAL, "workflow.access"]);
    expect(access.explain(subjectOf(eva, [...assignments, groupWorkflow], [reviewers]), "workflow.access", here, NOW)).toMatchObject({
      allowed: true,
      derivations: [{ via: { type: "group", groupId: reviewers.id, groupName: "Reviewers" }, roleChain: ["workflow_user"] }],
    });
    const evaLeft = { ...reviewers, memberIds: [fred.id] };
    expect(held(eva, [groupWorkflow], [...groups, evaLeft])).toEqual(EXTERNAL);
    expect(held(fred, [groupWorkflow], [...groups, evaLeft])).toEqual([...INTERNAL, "workflow.access"]);
  });
});

describe("Document workspace, blocking and removal (manual 003)", () => {
  const as = (person: User, state: AccountState): User => ({ ...person, account: state });

  it("a blocked user has no permissions until the block ends, then has them again without any job", () => {
    const until = daysFromNow(3);
    const blocked = as(ian, { status: "blocked", until, reason: "on leave" });
    const during = access.effective(subjectOf(blocked, assignments), here, NOW);
    expect(during.list()).toEqual([]);
    expect(during.validUntil).toEqual(until);
    expect(access.explain(subjectOf(blocked, assignments), "documents.save", here, NOW)).toMatchObject({
      allowed: false,
      reason: { code: "blocked", until },
    });
    expect(held(blocked, [], groups, until)).toEqual(INTERNAL);
  });

  it("a permanent block lasts until an administrator unblocks", () => {
    const blocked = as(eva, { status: "blocked", until: null, reason: null });
    expect(held(blocked, [], groups, daysFromNow(3650))).toEqual([]);
    expect(access.explain(subjectOf(blocked, assignments), "documents.save", here, NOW).message).toContain("until an admin unblocks");
  });

  it("a removed user holds nothing", () => {
    const removed = as(eva, { status: "removed", at: NOW });
    expect(held(removed)).toEqual([]);
    expect(access.explain(subjectOf(removed, assignments), "documents.save", here, NOW)).toMatchObject({
      reason: { code: "not_active", status: "removed" },
    });
  });

  it("settings: invitation only, one account per e-mail address", () => {
    expect(settings).toMatchObject({ forceVerify: false, emailUniqueness: "enforce" });
  });
});

describe("Document workspace catalog drawing", () => {
  it("catalogToMermaid draws every role", () => {
    const drawing = catalogToMermaid(catalog);
    for (const role of catalog.roleNames) expect(drawing).toContain(`${role}<br/>`);
    expect(drawing).toContain("role_administrator -->|includes| role_internal_user");
  });
});
