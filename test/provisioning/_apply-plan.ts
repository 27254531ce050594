import type { PlannedChange, ProvisioningPlan, SourceLinkedUser, SourceLinkedUserFields, UserId } from "tenure";

/** Fields of a new user the record does not provide. */
const BLANK: SourceLinkedUserFields = {
  username: "",
  fullName: "",
  email: "",
  firstName: null,
  lastName: null,
  phone: null,
  pager: null,
  cellphone: null,
  location: null,
  company: null,
  audience: "internal",
  thirdParty: false,
  workflowAccess: false,
};

const ORGANIZATION = { kind: "organization", id: "org-1" } as const;

/** A test-only reference of what the service does with a plan, on the linked users alone. */
export function applyPlan(current: readonly SourceLinkedUser[], plan: ProvisioningPlan): SourceLinkedUser[] {
  const users = current.map((user) => ({ ...user }));
  let created = 0;
  for (const change of plan.changes) {
    if (change.action === "unchanged") continue;
    if (change.action === "create") {
      const record = change.record!;
      const fields = { ...BLANK };
      for (const [name, value] of Object.entries(record.fields)) {
        if (value !== undefined) (fields as Record<string, unknown>)[name] = value;
      }
      users.push({
        userId: `new-${plan.source}-${created++}-${record.externalId}` as UserId,
        externalId: record.externalId,
        version: 1,
        fields,
        attributes: { ...record.attributes },
        status: "active",
        deactivatedBy: null,
        roles: applyRoles([], change),
        groups: change.groups === undefined ? [] : [...change.groups.join],
      });
      continue;
    }
    const index = users.findIndex((user) => user.userId === change.userId);
    if (index < 0) throw new Error(`the plan names user ${String(change.userId)} that is not linked`);
    const user = users[index]!;
    if (user.version !== change.expectedVersion) throw new Error("stale expectedVersion");
    if (change.action === "deactivate") {
      users[index] = { ...user, status: "deactivated", deactivatedBy: "source", version: user.version + 1 };
      continue;
    }
    const fields = { ...user.fields } as Record<string, unknown>;
    const attributes = { ...user.attributes } as Record<string, unknown>;
    for (const { field, after } of change.changes) {
      if (field.startsWith("attributes.")) attributes[field.slice("attributes.".length)] = after;
      else fields[field] = after;
    }
    users[index] = {
      ...user,
      externalId: change.externalId,
      version: user.version + 1,
      fields: fields as unknown as SourceLinkedUserFields,
      attributes,
      ...(change.reactivate ? { status: "active" as const, deactivatedBy: null } : {}),
      roles: applyRoles(user.roles, change),
      groups:
        change.groups === undefined
          ? user.groups
          : [...user.groups.filter((name) => !change.groups!.leave.includes(name)), ...change.groups.join],
    };
  }
  return users;
}

function applyRoles(held: SourceLinkedUser["roles"], change: PlannedChange): SourceLinkedUser["roles"] {
  if (change.roles === undefined) return held;
  const kept = held.filter((item) => !change.roles!.revoke.includes(item));
  return [...kept, ...change.roles.grant.map((item) => ({ role: item.role, scope: item.scope ?? ORGANIZATION }))];
}
