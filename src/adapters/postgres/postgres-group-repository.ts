import { err, ok } from "neverthrow";
import { groupSchema, type Group } from "../../model/group.js";
import { sortKey } from "../../model/sort-key.js";
import { TenureErrors } from "../../model/tenure-error.js";
import type { GroupRepository } from "../../ports/group-repository.js";
import { decodeRow } from "./_internal/corrupt-record.js";
import type { PostgresContext } from "./_internal/postgres-context.js";
import { encodeRecord } from "./_internal/record-json.js";
import { replaceGroupMembers } from "./_internal/replace-group-members.js";
import { versionedDelete } from "./_internal/versioned-delete.js";
import { assertNewVersion, guardedInsert, versionedWrite } from "./_internal/versioned-write.js";
import type { GroupsTable } from "./tables.js";

type GroupRow = Pick<GroupsTable, "organization_id" | "id" | "version"> & { record: unknown };

/**
 * The groups of one PostgreSQL unit of work. `memberIds` is stored in the record; `group_members` is
 * the index of it that `listForMember` and the user list read, rewritten with the group on every
 * write (and emptied by the foreign key's cascade when the group is deleted).
 */
export function createPostgresGroupRepository<UA extends object, OA extends object>(context: PostgresContext<UA, OA>): GroupRepository {
  const { db, writes } = context;
  const decode = (row: GroupRow): Group =>
    decodeRow(groupSchema, "group", { table: "groups", organizationId: row.organization_id, id: row.id }, row.record, {
      organizationId: row.organization_id,
      id: row.id,
      version: row.version,
    });
  const columns = ["organization_id", "id", "version", "record"] as const;
  const duplicateId = (group: Group) => () => TenureErrors.duplicate("group", "id", group.id);
  const groups = (organizationId: string) =>
    db.selectFrom("groups").select(columns).where("organization_id", "=", organizationId).orderBy("name_key").orderBy("id");

  return {
    async get(organizationId, id) {
      const row = await db
        .selectFrom("groups")
        .select(columns)
        .where("organization_id", "=", organizationId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row === undefined ? null : decode(row);
    },
    async list(organizationId) {
      return (await groups(organizationId).execute()).map(decode);
    },
    async listForMember(organizationId, userId) {
      const memberships = db
        .selectFrom("group_members")
        .select("group_id")
        .where("organization_id", "=", organizationId)
        .where("user_id", "=", userId);
      return (await groups(organizationId).where("id", "in", memberships).execute()).map(decode);
    },
    async insert(group) {
      assertNewVersion(group.version, "group", group.id);
      return guardedInsert(
        writes,
        group,
        "group",
        group.id,
        async () => {
          await db
            .insertInto("groups")
            .values({ organization_id: group.organizationId, id: group.id, version: 0, name_key: sortKey(group.name), record: recordOf(group) })
            .execute();
          await replaceGroupMembers(db, group);
        },
        duplicateId(group),
      );
    },
    async update(group) {
      const next: Group = { ...structuredClone(group), version: group.version + 1 };
      const written = await versionedWrite(
        writes,
        "group",
        group.id,
        group.version,
        async () => {
          const result = await db
            .updateTable("groups")
            .set({ version: next.version, name_key: sortKey(next.name), record: recordOf(next) })
            .where("organization_id", "=", group.organizationId)
            .where("id", "=", group.id)
            .where("version", "=", group.version)
            .executeTakeFirst();
          const updated = Number(result.numUpdatedRows);
          if (updated > 0) await replaceGroupMembers(db, next);
          return updated;
        },
        () => storedVersion(group.organizationId, group.id),
        duplicateId(group),
      );
      return written.isErr() ? err(written.error) : ok(next);
    },
    async delete(organizationId, id, expectedVersion) {
      return versionedDelete(
        writes,
        "group",
        id,
        expectedVersion,
        async () => {
          const result = await db
            .deleteFrom("groups")
            .where("organization_id", "=", organizationId)
            .where("id", "=", id)
            .where("version", "=", expectedVersion)
            .executeTakeFirst();
          return Number(result.numDeletedRows);
        },
        () => storedVersion(organizationId, id),
      );
    },
  };

  async function storedVersion(organizationId: string, id: string): Promise<number | null> {
    const row = await db
      .selectFrom("groups")
      .select("version")
      .where("organization_id", "=", organizationId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row?.version ?? null;
  }
}

/** The record column of a group: everything but the key columns. */
function recordOf(group: Group): string {
  const { organizationId: _organizationId, id: _id, version: _version, ...rest } = group;
  return encodeRecord(rest);
}
