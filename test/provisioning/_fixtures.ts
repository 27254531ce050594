import { defineProvisioningSource, type ProvisioningSource, type SourceLinkedUser, type SourceRecord, type UserId } from "tenure";

/** A directory that owns the required fields, the phone, `thirdParty`, roles, groups and one attribute. */
export const ldap: ProvisioningSource = defineProvisioningSource({
  name: "corp-ldap",
  kind: "directory",
  ownedFields: ["username", "fullName", "email", "phone", "thirdParty", "roles", "groups", "attributes.costCentre"],
})._unsafeUnwrap();

/** A linked user named `name`, active, with the directory id `ext-<name>`. */
export function linked(name: string, overrides: Partial<SourceLinkedUser> = {}): SourceLinkedUser {
  return {
    userId: `u-${name}` as UserId,
    externalId: `ext-${name}`,
    version: 3,
    fields: {
      username: name,
      fullName: `${name} Example`,
      email: `${name}@example.com`,
      firstName: null,
      lastName: null,
      phone: null,
      pager: null,
      cellphone: null,
      location: "Berlin",
      company: null,
      audience: "internal",
      thirdParty: false,
      workflowAccess: false,
    },
    attributes: {},
    status: "active",
    deactivatedBy: null,
    roles: [],
    groups: [],
    ...overrides,
  };
}

/** The record the directory holds for `name`, matching {@link linked}. */
export function entry(name: string, overrides: Partial<SourceRecord> = {}): SourceRecord {
  return {
    externalId: `ext-${name}`,
    position: `uid=${name},ou=people`,
    fields: { username: name, fullName: `${name} Example`, email: `${name}@example.com` },
    ...overrides,
  };
}
