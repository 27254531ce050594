// Public entry point of `tenure/ldap`: a DirectorySource over an LDAP server (ldapts, optional peer dependency).

export { createLdapDirectorySource } from "./adapters/ldap/ldap-directory-source.js";
export type { LdapDirectorySourceOptions, LdapGroupLimit, LdapTlsOptions } from "./adapters/ldap/ldap-directory-source-options.js";
