import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { AccountStatus } from "../../../model/account-state.js";
import type { UserQuery } from "../../../model/user-query.js";
import type { TenureTables } from "../tables.js";

/** An expression builder over the `users` table, the scope the list's conditions are written in. */
export type UsersExpressionBuilder = ExpressionBuilder<TenureTables, "users">;

/**
 * The SQL conditions of a user list's filters and visibility (the memory adapter's `userFilterTest` and
 * `candidateUserIds`): values within a field are alternatives, fields combine with AND. Roles, groups
 * and visibility are `EXISTS` over `role_assignments` and `group_members` of the same organization, so
 * the database can still walk the sort index and stop after one page.
 */
export function userListConditions(eb: UsersExpressionBuilder, organizationId: string, query: UserQuery): Expression<SqlBool>[] {
  const { filter, visibility } = query;
  const conditions: Expression<SqlBool>[] = [];
  if (filter.locations !== undefined) conditions.push(eb("users.location", "in", filter.locations));
  if (filter.companies !== undefined) conditions.push(eb("users.company", "in", filter.companies));
  if (filter.statuses !== undefined) conditions.push(hasStatus(eb, filter.statuses, query.asOf));
  if (filter.audiences !== undefined) conditions.push(eb("users.audience", "in", filter.audiences));
  if (filter.thirdParty !== undefined) conditions.push(eb("users.third_party", "=", filter.thirdParty));
  if (filter.source !== undefined) conditions.push(eb("users.source", "=", filter.source));
  if (filter.sourceName !== undefined) conditions.push(eb("users.source_name", "=", filter.sourceName));
  if (filter.roles !== undefined) conditions.push(holdsRole(eb, organizationId, filter.roles));
  if (filter.groupIds !== undefined) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom("group_members as member")
          .select(eb.lit(1).as("one"))
          .where("member.organization_id", "=", organizationId)
          .whereRef("member.user_id", "=", "users.id")
          .where("member.group_id", "in", filter.groupIds),
      ),
    );
  }
  if (visibility.type === "self") conditions.push(eb("users.id", "=", visibility.viewerId));
  if (visibility.type === "shared_groups") {
    conditions.push(eb.or([eb("users.id", "=", visibility.viewerId), sharesGroup(eb, organizationId, visibility.viewerId)]));
  }
  return conditions;
}

/**
 * The account status is one of `statuses`: the stored one, or with `asOf` the one that counts then
 * (`effectiveStatus`: a block whose end is at or before `asOf` counts as active). Written as plain
 * conditions on `status` and `blocked_until` (not a `CASE`) so the planner can estimate them from the
 * columns' statistics and keep walking the sort index.
 */
export function hasStatus(eb: UsersExpressionBuilder, statuses: readonly AccountStatus[], asOf: Date | undefined): Expression<SqlBool> {
  if (asOf === undefined) return eb("users.status", "in", statuses);
  const wanted = new Set(statuses);
  const alternatives: Expression<SqlBool>[] = [];
  const others = statuses.filter((status) => status !== "blocked");
  if (others.length > 0) alternatives.push(eb("users.status", "in", others));
  const blocked = eb("users.status", "=", "blocked");
  const lapsed = eb("users.blocked_until", "<=", asOf);
  const standing = eb.or([eb("users.blocked_until", "is", null), eb("users.blocked_until", ">", asOf)]);
  if (wanted.has("blocked") && wanted.has("active")) alternatives.push(blocked);
  else if (wanted.has("blocked")) alternatives.push(eb.and([blocked, standing]));
  else if (wanted.has("active")) alternatives.push(eb.and([blocked, lapsed]));
  return eb.or(alternatives);
}

/** The user holds one of `roles` in any scope: directly, or through a group it is a member of. */
function holdsRole(eb: UsersExpressionBuilder, organizationId: string, roles: readonly string[]): Expression<SqlBool> {
  const direct = eb
    .selectFrom("role_assignments as assignment")
    .select(eb.lit(1).as("one"))
    .where("assignment.organization_id", "=", organizationId)
    .where("assignment.role", "in", roles)
    .where("assignment.principal_type", "=", "user")
    .whereRef("assignment.principal_id", "=", "users.id");
  const throughGroup = eb
    .selectFrom("group_members as member")
    .innerJoin("role_assignments as assignment", (join) =>
      join
        .onRef("assignment.organization_id", "=", "member.organization_id")
        .onRef("assignment.principal_id", "=", "member.group_id")
        .on("assignment.principal_type", "=", "group"),
    )
    .select(eb.lit(1).as("one"))
    .where("member.organization_id", "=", organizationId)
    .whereRef("member.user_id", "=", "users.id")
    .where("assignment.role", "in", roles);
  return eb.or([eb.exists(direct), eb.exists(throughGroup)]);
}

/** The user is a member of a group the viewer is a member of (a self-join on `group_members`). */
function sharesGroup(eb: UsersExpressionBuilder, organizationId: string, viewerId: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom("group_members as mine")
      .innerJoin("group_members as theirs", (join) =>
        join.onRef("theirs.organization_id", "=", "mine.organization_id").onRef("theirs.group_id", "=", "mine.group_id"),
      )
      .select(eb.lit(1).as("one"))
      .where("mine.organization_id", "=", organizationId)
      .where("mine.user_id", "=", viewerId)
      .whereRef("theirs.user_id", "=", "users.id"),
  );
}
