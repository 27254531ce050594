import type { DirectoryMapping } from "../provisioning/directory-records.js";
import type { DirectorySource } from "../ports/directory-source.js";

/**
 * An organization's directory: which configured source its users are linked to (a source of kind
 * `directory` in `TenureOptions.sources`, whose `ownedFields` say what the directory owns), how to
 * read it, and how entries become users.
 *
 * @example
 * ```ts
 * const corpLdap = defineProvisioningSource({ name: "corp-ldap", kind: "directory", ownedFields: ["username", "fullName", "email", "phone"] })._unsafeUnwrap();
 * const mapping = defineDirectoryMapping({ fields: { username: "uid", fullName: "cn", email: "mail", phone: "telephoneNumber" } })._unsafeUnwrap();
 * const reader = createLdapDirectorySource({ name: "corp-ldap", url, bindDn, bindPassword, baseDn, attributes: mappedAttributes(mapping) });
 * createTenure({ catalog, store, links, sources: [corpLdap], directories: (id) => (id === acmeId ? { source: "corp-ldap", reader, mapping } : null) });
 * ```
 */
export interface DirectoryBinding {
  readonly source: string;
  readonly reader: DirectorySource;
  readonly mapping: DirectoryMapping;
}
