import type { Diagnostic } from "./tenure-error.js";
import { isWellFormedEmail, normalizeEmail } from "./email.js";
import type { FieldLimits } from "./settings.js";
import { sortKey } from "./sort-key.js";

/** Characters a full name may not contain, because full names become folder and file names. */
export const FORBIDDEN_FULL_NAME_CHARACTERS = ["\\", "/", ":", "*", "?", '"', "<", ">", "|"] as const;

/** The user data to check: the fields being set; absent fields are not checked. */
export interface UserDataCandidate {
  readonly username?: string;
  readonly fullName?: string;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly email?: string;
  readonly phone?: string | null;
  readonly pager?: string | null;
  readonly cellphone?: string | null;
  readonly location?: string | null;
  readonly company?: string | null;
}

/** Another user of the organization, as far as duplicate checks need it. */
export interface ExistingUserData {
  readonly id: string;
  readonly email: string;
  readonly fullName: string;
}

/** What {@link validateUserData} checks against. */
export interface UserDataContext {
  /** Soft limits; going over one is a warning. */
  readonly limits: FieldLimits;
  /** Other users that may share the e-mail or full name (all of them, or those an index found). */
  readonly others: Iterable<ExistingUserData>;
  /** The stored user when editing; `undefined` when creating. */
  readonly previous?: { readonly id: string; readonly username: string };
  /** `enforce` turns a duplicate e-mail into an error. Default `warn`. */
  readonly emailUniqueness?: "warn" | "enforce";
}

/** The form in which full names are compared for duplicates: sort key with runs of white space folded. */
export function fullNameKey(fullName: string): string {
  return sortKey(fullName).trim().replace(/\s+/gu, " ");
}

/**
 * Checks user data as the zoned workspace manual asks, returning every finding at once: malformed
 * e-mail (error), duplicate e-mail or full name (warning, allowed), forbidden characters in the full
 * name (error, must be edited), values over their size limit (warning naming the limit), and any
 * change of username (error). Pure and total: it never throws, whatever the strings hold.
 *
 * @example
 * ```ts
 * const findings = validateUserData({ fullName: "Ann: Smith", email: "ann@x" }, { limits, others: [] });
 * // [{ severity: "error", field: "email", code: "email_malformed", … },
 * //  { severity: "error", field: "fullName", code: "full_name_forbidden_character", … }]
 * ```
 */
export function validateUserData(candidate: UserDataCandidate, context: UserDataContext): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const { previous } = context;

  if (previous !== undefined && candidate.username !== undefined && candidate.username !== previous.username) {
    findings.push({
      severity: "error",
      field: "username",
      code: "username_immutable",
      message: `Usernames cannot be changed after creation (it is "${previous.username}").`,
    });
  }

  if (candidate.email !== undefined && !isWellFormedEmail(candidate.email)) {
    findings.push({
      severity: "error",
      field: "email",
      code: "email_malformed",
      message: `"${candidate.email}" is not a well-formed e-mail address (name@domain.tld).`,
    });
  }

  if (candidate.fullName !== undefined) {
    const forbidden = forbiddenCharactersIn(candidate.fullName);
    if (forbidden.length > 0) {
      findings.push({
        severity: "error",
        field: "fullName",
        code: "full_name_forbidden_character",
        message: `Full names may not contain ${forbidden.map(describeCharacter).join(", ")}: they are not allowed in file names. Please edit the name.`,
      });
    }
  }

  findings.push(...duplicateFindings(candidate, context));
  findings.push(...sizeFindings(candidate, context.limits));
  return findings;
}

function duplicateFindings(candidate: UserDataCandidate, context: UserDataContext): Diagnostic[] {
  // Empty or malformed values have their own findings; comparing them would only add noise.
  const email =
    candidate.email === undefined || !isWellFormedEmail(candidate.email.trim()) ? undefined : normalizeEmail(candidate.email);
  const nameKey = candidate.fullName === undefined ? "" : fullNameKey(candidate.fullName);
  const name = nameKey === "" ? undefined : nameKey;
  let emailTakenBy: string | undefined;
  let nameTakenBy: string | undefined;
  for (const other of context.others) {
    if (other.id === context.previous?.id) continue;
    if (emailTakenBy === undefined && email !== undefined && normalizeEmail(other.email) === email) emailTakenBy = other.id;
    if (nameTakenBy === undefined && name !== undefined && fullNameKey(other.fullName) === name) nameTakenBy = other.id;
  }
  const findings: Diagnostic[] = [];
  if (emailTakenBy !== undefined) {
    const enforce = context.emailUniqueness === "enforce";
    findings.push({
      severity: enforce ? "error" : "warning",
      field: "email",
      code: "email_duplicate",
      message: `Another user (${emailTakenBy}) already has the e-mail address "${candidate.email ?? ""}".`,
    });
  }
  if (nameTakenBy !== undefined) {
    findings.push({
      severity: "warning",
      field: "fullName",
      code: "full_name_duplicate",
      message: `Another user (${nameTakenBy}) already has the full name "${candidate.fullName ?? ""}".`,
    });
  }
  return findings;
}

function sizeFindings(candidate: UserDataCandidate, limits: FieldLimits): Diagnostic[] {
  const findings: Diagnostic[] = [];
  for (const field of Object.keys(limits) as (keyof FieldLimits)[]) {
    const value = candidate[field];
    if (typeof value !== "string") continue;
    const length = [...value].length;
    const limit = limits[field];
    if (length > limit) {
      findings.push({
        severity: "warning",
        field,
        code: "too_long",
        message: `${field} is ${length} characters long; the limit is ${limit}.`,
      });
    }
  }
  return findings;
}

function forbiddenCharactersIn(value: string): string[] {
  const found = new Set<string>();
  for (const character of value) {
    if ((FORBIDDEN_FULL_NAME_CHARACTERS as readonly string[]).includes(character) || /\p{Cc}/u.test(character)) {
      found.add(character);
    }
  }
  return [...found];
}

function describeCharacter(character: string): string {
  if (/\p{Cc}/u.test(character)) {
    return `control character U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `"${character}"`;
}
