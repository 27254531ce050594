import { PLATFORM_SCOPE, organizationScope } from "../../../model/scope.js";
import { makeTestGroup } from "./fixtures/group.js";
import { makeTestOrganization } from "./fixtures/organization.js";
import { makeTestRoleAssignment } from "./fixtures/role-assignment.js";
import { testInstant } from "./fixtures/test-instant.js";
import { makeTestUser } from "./fixtures/user.js";
import type { SeedRecords } from "./seed.js";

/** The instant at which the fixture's statuses are judged: Carol's block has ended, Erin's has not, Judy's ends exactly then. */
export const FILTER_AS_OF = testInstant(0);

/**
 * A small organization `org-a` whose ten users (u-alice … u-judy, full names in alphabetical order of
 * their ids) differ in every filterable field, plus `org-b` whose user u-zed matches most filters and
 * must never be listed for `org-a`.
 *
 * - roles: alice `admin` (direct); bob and carol `editor` through g-eng; erin `editor` (direct, platform
 *   scope); frank `auditor`; g-empty holds `admin` but has no member.
 * - groups: g-eng {bob, carol}, g-ops {dave}, g-mixed {bob, frank}, g-empty {}.
 * - statuses: alice, bob active; carol blocked until before FILTER_AS_OF; dave blocked for good; erin
 *   blocked until after; judy blocked until exactly FILTER_AS_OF; frank deactivated; grace invited;
 *   heidi removed; ivan pending verification.
 */
export function userFilterFixture(): SeedRecords {
  const a = "org-a";
  const user = makeTestUser;
  return {
    organizations: [makeTestOrganization({ id: a }), makeTestOrganization({ id: "org-b" })],
    users: [
      user({ id: "u-alice", organizationId: a, fullName: "Alice Admin", location: "Berlin", company: "Acme" }),
      user({
        id: "u-bob",
        organizationId: a,
        fullName: "Bob Builder",
        location: "Paris",
        company: "Acme",
        audience: "external",
        thirdParty: true,
        accessExpiresAt: testInstant(60 * 24 * 30),
      }),
      user({
        id: "u-carol",
        organizationId: a,
        fullName: "Carol Clerk",
        location: "Berlin",
        company: "Globex",
        audience: "guest",
        account: { status: "blocked", until: testInstant(-60), reason: null },
        source: { type: "directory", source: "directory", externalId: "ext-carol" },
      }),
      user({ id: "u-dave", organizationId: a, fullName: "Dave Driver", account: { status: "blocked", until: null, reason: "For good" } }),
      user({
        id: "u-erin",
        organizationId: a,
        fullName: "Erin Engineer",
        location: "Paris",
        company: "Globex",
        account: { status: "blocked", until: testInstant(60), reason: null },
      }),
      user({
        id: "u-frank",
        organizationId: a,
        fullName: "Frank Fixer",
        location: "Hamburg",
        company: "Acme",
        account: { status: "deactivated", reason: "admin" },
        source: { type: "directory", source: "directory", externalId: "ext-frank" },
      }),
      user({ id: "u-grace", organizationId: a, fullName: "Grace Guest", audience: "guest", account: { status: "invited" } }),
      user({ id: "u-heidi", organizationId: a, fullName: "Heidi Helper", location: "Berlin", account: { status: "removed", at: testInstant(-10) } }),
      user({ id: "u-ivan", organizationId: a, fullName: "Ivan Intern", company: "Acme", audience: "external", account: { status: "pending_verification" } }),
      user({
        id: "u-judy",
        organizationId: a,
        fullName: "Judy Judge",
        location: "Paris",
        account: { status: "blocked", until: FILTER_AS_OF, reason: null },
      }),
      user({ id: "u-zed", organizationId: "org-b", fullName: "Zed Berlin", location: "Berlin", company: "Acme", audience: "guest" }),
    ],
    groups: [
      makeTestGroup({ id: "g-eng", organizationId: a, memberIds: ["u-bob", "u-carol"] }),
      makeTestGroup({ id: "g-ops", organizationId: a, memberIds: ["u-dave"] }),
      makeTestGroup({ id: "g-mixed", organizationId: a, memberIds: ["u-bob", "u-frank"] }),
      makeTestGroup({ id: "g-empty", organizationId: a, memberIds: [] }),
      makeTestGroup({ id: "g-b", organizationId: "org-b", memberIds: ["u-zed"] }),
    ],
    assignments: [
      makeTestRoleAssignment({ id: "ra-1", organizationId: a, principal: { type: "user", id: "u-alice" }, role: "admin" }),
      makeTestRoleAssignment({
        id: "ra-2",
        organizationId: a,
        principal: { type: "group", id: "g-eng" },
        role: "editor",
        scope: { kind: "zone", id: "zone-1" },
      }),
      makeTestRoleAssignment({ id: "ra-3", organizationId: a, principal: { type: "user", id: "u-erin" }, role: "editor", scope: PLATFORM_SCOPE }),
      makeTestRoleAssignment({ id: "ra-4", organizationId: a, principal: { type: "group", id: "g-empty" }, role: "admin" }),
      makeTestRoleAssignment({ id: "ra-5", organizationId: a, principal: { type: "user", id: "u-frank" }, role: "auditor" }),
      makeTestRoleAssignment({
        id: "ra-b1",
        organizationId: "org-b",
        principal: { type: "user", id: "u-zed" },
        role: "admin",
        scope: organizationScope("org-b"),
      }),
      makeTestRoleAssignment({
        id: "ra-b2",
        organizationId: "org-b",
        principal: { type: "group", id: "g-b" },
        role: "editor",
        scope: organizationScope("org-b"),
      }),
    ],
  };
}
