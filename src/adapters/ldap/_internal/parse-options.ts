import { FilterParser } from "ldapts";
import * as z from "zod";
import type { LdapDirectorySourceOptions } from "../ldap-directory-source-options.js";

const nonEmpty = z.string().trim().min(1, "must not be empty");
const attributeName = z.string().regex(/^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9-]+)*$/, "is not an attribute name");
const certificate = z.union([z.string(), z.instanceof(Buffer)]);
const milliseconds = z.number().int().positive().max(2_147_483_647);

const schema = z
  .strictObject({
    name: nonEmpty,
    url: z.string().regex(/^ldaps?:\/\/[^/@\s]+\/?$/i, "must be ldap://host:port or ldaps://host:port, without a path or credentials"),
    bindDn: nonEmpty,
    // An empty password would make a simple bind anonymous: the server answers success and shows less.
    bindPassword: z.string().min(1, "must not be empty"),
    baseDn: nonEmpty,
    filter: z
      .string()
      .refine((filter) => parsesAsFilter(filter), "is not an LDAP search filter")
      .default("(objectClass=inetOrgPerson)"),
    scope: z.enum(["base", "one", "sub"]).default("sub"),
    attributes: z.array(attributeName).refine((names) => new Set(names.map((name) => name.toLowerCase())).size === names.length, "names an attribute twice"),
    idAttribute: attributeName.default("entryUUID"),
    group: z.strictObject({ dn: nonEmpty, nested: z.boolean().default(true) }).optional(),
    reportGroups: z.array(nonEmpty).default([]),
    pageSize: z.number().int().positive().max(1_000_000).default(500),
    timeoutMs: milliseconds.default(10_000),
    connectTimeoutMs: milliseconds.optional(),
    tls: z
      .strictObject({
        startTls: z.boolean().default(false),
        ca: z.union([certificate, z.array(certificate)]).optional(),
        rejectUnauthorized: z.boolean().default(true),
      })
      .optional(),
  })
  .refine((options) => !(options.tls?.startTls === true && /^ldaps:/i.test(options.url)), {
    path: ["tls", "startTls"],
    message: "cannot be used with an ldaps:// URL (the connection is TLS already)",
  });

/** The options after defaults, as the source uses them. */
export type ParsedLdapOptions = z.output<typeof schema>;

function parsesAsFilter(filter: string): boolean {
  try {
    FilterParser.parseString(filter);
    return true;
  } catch {
    return false;
  }
}

/** Checks host configuration; throws a `TypeError` naming the first bad field (never its value). */
export function parseLdapOptions(options: LdapDirectorySourceOptions): ParsedLdapOptions {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? "options" : `options.${issue.path.join(".")}`;
  const message = issue?.code === "unrecognized_keys" ? `has unknown field(s) ${issue.keys.join(", ")}` : (issue?.message ?? "is invalid");
  throw new TypeError(`createLdapDirectorySource: ${field} ${message}`);
}
