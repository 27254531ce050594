import { effectiveStatus } from "../../model/account-state.js";
import type { User } from "../../model/user.js";
import type { UserFilter } from "../../model/user-query.js";

/**
 * The test of a user list's per-user filters (locations, companies, statuses, audiences, third party,
 * source kind and name): values within a field are alternatives, fields combine with AND. Statuses are judged at
 * `asOf` with `effectiveStatus` when it is given, else the stored status counts. Roles and groups are
 * not per-user fields: see `candidateUserIds`.
 */
export function userFilterTest<UA extends object>(filter: UserFilter, asOf: Date | undefined): (user: User<UA>) => boolean {
  const tests: ((user: User<UA>) => boolean)[] = [];
  const locations = setOf(filter.locations);
  if (locations !== null) tests.push((user) => user.location !== null && locations.has(user.location));
  const companies = setOf(filter.companies);
  if (companies !== null) tests.push((user) => user.company !== null && companies.has(user.company));
  const statuses = setOf<string>(filter.statuses);
  if (statuses !== null) {
    tests.push((user) => statuses.has(asOf === undefined ? user.account.status : effectiveStatus(user.account, asOf)));
  }
  const audiences = setOf<string>(filter.audiences);
  if (audiences !== null) tests.push((user) => audiences.has(user.audience));
  const { thirdParty, source, sourceName } = filter;
  if (thirdParty !== undefined) tests.push((user) => user.thirdParty === thirdParty);
  if (source !== undefined) tests.push((user) => user.source.type === source);
  if (sourceName !== undefined) tests.push((user) => user.source.type !== "local" && user.source.source === sourceName);
  return (user) => {
    for (const test of tests) if (!test(user)) return false;
    return true;
  };
}

function setOf<T>(values: readonly T[] | undefined): ReadonlySet<T> | null {
  return values === undefined ? null : new Set(values);
}
