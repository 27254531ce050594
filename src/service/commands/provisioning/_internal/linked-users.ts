import { err, ok, type Result } from "neverthrow";
import type { OrganizationId, UserId } from "../../../../model/ids.js";
import { userQuerySchema } from "../../../../model/user-query.js";
import type { TenureError } from "../../../../model/tenure-error.js";
import type { User } from "../../../../model/user.js";
import type { StoreTransaction } from "../../../../ports/tenure-store.js";
import type { SourceLinkedUser } from "../../../../provisioning/source-record.js";

const PAGE = 1000;
const PRINCIPALS_PER_READ = 500;

/**
 * The organization's users linked to the source `sourceName`, as the planner compares them: their
 * fields, host attributes, status (and whether the source de-activated them), direct role assignments
 * and group names. Read page by page in the command's snapshot.
 */
export async function loadLinkedUsers<UA extends object, OA extends object, Native>(
  tx: StoreTransaction<UA, OA, Native>,
  organizationId: OrganizationId,
  sourceName: string,
): Promise<Result<SourceLinkedUser[], TenureError>> {
  const users: User<UA>[] = [];
  let after: string | undefined;
  do {
    const page = await tx.users.list(
      organizationId,
      userQuerySchema.parse({ filter: { sourceName }, sort: { field: "username" }, limit: PAGE, total: "none", ...(after === undefined ? {} : { after }) }),
    );
    if (page.isErr()) return err(page.error);
    users.push(...page.value.items);
    after = page.value.nextCursor ?? undefined;
  } while (after !== undefined);

  const groupsOf = new Map<UserId, string[]>();
  for (const group of await tx.groups.list(organizationId)) {
    for (const memberId of group.memberIds) groupsOf.set(memberId, [...(groupsOf.get(memberId) ?? []), group.name]);
  }
  const rolesOf = new Map<string, SourceLinkedUser["roles"][number][]>();
  for (let start = 0; start < users.length; start += PRINCIPALS_PER_READ) {
    const principals = users.slice(start, start + PRINCIPALS_PER_READ).map((user) => ({ type: "user" as const, id: user.id }));
    for (const assignment of await tx.assignments.listForPrincipals(organizationId, principals)) {
      const held = rolesOf.get(assignment.principal.id) ?? [];
      held.push({ role: assignment.role, scope: { kind: assignment.scope.kind, id: assignment.scope.id } });
      rolesOf.set(assignment.principal.id, held);
    }
  }
  return ok(
    users.flatMap((user): SourceLinkedUser[] =>
      user.source.type === "local"
        ? []
        : [
            {
              userId: user.id,
              externalId: user.source.externalId,
              version: user.version,
              fields: {
                username: user.username,
                fullName: user.fullName,
                email: user.email,
                firstName: user.firstName,
                lastName: user.lastName,
                phone: user.phone,
                pager: user.pager,
                cellphone: user.cellphone,
                location: user.location,
                company: user.company,
                audience: user.audience,
                thirdParty: user.thirdParty,
                workflowAccess: user.workflowAccess,
              },
              attributes: user.attributes as Readonly<Record<string, unknown>>,
              status: user.account.status,
              deactivatedBy:
                user.account.status !== "deactivated"
                  ? null
                  : user.account.reason === "source" || user.account.reason === "directory"
                    ? "source"
                    : "other",
              roles: rolesOf.get(user.id) ?? [],
              groups: groupsOf.get(user.id) ?? [],
            },
          ],
    ),
  );
}
