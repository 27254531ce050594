import * as z from "zod";
import { err, ok, type Result } from "neverthrow";
import { boundedString } from "../model/bounded-string.js";
import { TenureErrors, type ValidationError } from "../model/tenure-error.js";
import { zodIssuesToDiagnostics } from "../model/parse-input.js";
import type { DirectoryEntry, DirectoryRead } from "../ports/directory-source.js";
import { normalizeDn } from "./distinguished-name.js";
import { REQUIRED_PROVISIONED_FIELDS } from "./provisioning-source.js";
import type { SourceRecord } from "./source-record.js";

/** The user fields a directory attribute can fill: the text fields of a user. */
export const DIRECTORY_FIELDS = ["username", "fullName", "email", "firstName", "lastName", "phone", "pager", "cellphone", "location", "company"] as const;
/** One of {@link DIRECTORY_FIELDS}. */
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];

const attributeName = boundedString(200).min(1);

/** Schema of a {@link DirectoryMapping}: the required fields must be tied to an attribute. */
export const directoryMappingSchema = z.object({
  /** Which attribute fills which user field, e.g. `{ username: "uid", fullName: "cn", email: "mail" }`. */
  fields: z
    .object(Object.fromEntries(DIRECTORY_FIELDS.map((field) => [field, attributeName.optional()])) as Record<DirectoryField, z.ZodOptional<typeof attributeName>>)
    .strict()
    .superRefine((fields, context) => {
      for (const field of REQUIRED_PROVISIONED_FIELDS) {
        if (fields[field] === undefined) {
          context.addIssue({ code: "custom", path: [field], message: `the required field ${field} must be tied to a directory attribute` });
        }
      }
    }),
  /** Host attributes filled from directory attributes: `{ costCentre: "departmentNumber" }`. */
  attributes: z.record(boundedString(200).min(1), attributeName).default({}),
  /** Directory groups (by DN) mapped to the organization's groups (by name): members follow the directory. */
  groups: z.record(boundedString(1000).min(1), boundedString(200).min(1)).optional(),
});
/** How directory entries become users: see {@link directoryMappingSchema}. */
export type DirectoryMapping = z.output<typeof directoryMappingSchema>;
/** What {@link defineDirectoryMapping} takes. */
export type DirectoryMappingInput = z.input<typeof directoryMappingSchema>;

/** Checks a mapping once, at configuration time: every required field tied to an attribute. */
export function defineDirectoryMapping(input: DirectoryMappingInput): Result<DirectoryMapping, ValidationError> {
  const parsed = directoryMappingSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(TenureErrors.validation(zodIssuesToDiagnostics(parsed.error.issues, "")));
}

/** The attributes a directory read must ask for to fill the mapping. */
export function mappedAttributes(mapping: DirectoryMapping): string[] {
  return [...new Set([...Object.values(mapping.fields).filter((name): name is string => name !== undefined), ...Object.values(mapping.attributes)])];
}

function firstValue(entry: DirectoryEntry, attribute: string): string | undefined {
  const value = entry.attributes[attribute]?.find((candidate) => candidate.trim() !== "");
  return value?.trim();
}

/**
 * The provisioning records of a complete directory read, by the mapping: the entry's stable id, its
 * DN as the position, each mapped field from the attribute's first value. An attribute the entry no
 * longer has clears an optional field (`null`); a required one is left out, so an entry that lost its
 * e-mail is never created without one and an existing user keeps theirs. Group memberships are mapped
 * only when the mapping names groups. Pure.
 */
export function directoryRecords(read: DirectoryRead, mapping: DirectoryMapping): SourceRecord[] {
  const groupNames = mapping.groups === undefined ? null : new Map(Object.entries(mapping.groups).map(([dn, name]) => [normalizeDn(dn), name]));
  const required = new Set<string>(REQUIRED_PROVISIONED_FIELDS);
  return read.entries.map((entry): SourceRecord => {
    const fields: Partial<Record<DirectoryField, string | null>> = {};
    for (const field of DIRECTORY_FIELDS) {
      const attribute = mapping.fields[field];
      if (attribute === undefined) continue;
      const value = firstValue(entry, attribute);
      if (value !== undefined) fields[field] = value;
      else if (!required.has(field)) fields[field] = null;
    }
    const attributes = Object.fromEntries(Object.entries(mapping.attributes).map(([name, attribute]) => [name, firstValue(entry, attribute) ?? null]));
    const groups =
      groupNames === null
        ? undefined
        : [...new Set(entry.groups.flatMap((dn) => {
            const name = groupNames.get(normalizeDn(dn));
            return name === undefined ? [] : [name];
          }))].sort();
    return {
      externalId: entry.externalId,
      position: entry.dn,
      fields,
      ...(Object.keys(attributes).length === 0 ? {} : { attributes }),
      ...(groups === undefined ? {} : { groups }),
    };
  });
}
