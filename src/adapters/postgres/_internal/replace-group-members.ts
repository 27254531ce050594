import type { Kysely } from "kysely";
import type { Group } from "../../../model/group.js";
import type { TenureTables } from "../tables.js";

/**
 * Makes `group_members` hold exactly the group's `memberIds`: deletes the group's rows, then inserts
 * one per member, `position` being its index in `memberIds`. A member listed twice keeps one row, at
 * its first position (the table's key allows one). Runs inside the caller's guarded write, so the
 * group row and its members change together.
 */
export async function replaceGroupMembers(db: Kysely<TenureTables>, group: Group): Promise<void> {
  await db
    .deleteFrom("group_members")
    .where("organization_id", "=", group.organizationId)
    .where("group_id", "=", group.id)
    .execute();
  const rows = memberRows(group);
  if (rows.length > 0) await db.insertInto("group_members").values(rows).execute();
}

/** One `group_members` row per distinct member, at its first position in `memberIds`. */
function memberRows(group: Group): TenureTables["group_members"][] {
  const seen = new Set<string>();
  const rows: TenureTables["group_members"][] = [];
  group.memberIds.forEach((userId, position) => {
    if (seen.has(userId)) return;
    seen.add(userId);
    rows.push({ organization_id: group.organizationId, group_id: group.id, user_id: userId, position });
  });
  return rows;
}
