import type { AccountState } from "../../src/model/account-state.js";
import type { UserId } from "../../src/model/ids.js";
import type { Settings } from "../../src/model/settings.js";
import { DEFAULT_SETTINGS } from "../../src/model/settings.js";
import type { User } from "../../src/model/user.js";

/** An active, regular, local user; override any field. */
export function user(overrides: Partial<User> & { readonly id?: string } = {}): User {
  const id = (overrides.id ?? "u-1") as UserId;
  return {
    id,
    organizationId: "org-a",
    username: id,
    fullName: `User ${id}`,
    firstName: null,
    lastName: null,
    email: `${id}@example.com`,
    phone: null,
    pager: null,
    cellphone: null,
    location: null,
    company: null,
    audience: "external",
    thirdParty: false,
    accessExpiresAt: null,
    source: { type: "local" },
    invitedBy: "u-sponsor" as UserId,
    account: { status: "active" },
    twoFactorRequired: false,
    workflowAccess: false,
    version: 3,
    createdAt: new Date("2025-01-01T00:00:00Z"),
    updatedAt: new Date("2025-01-01T00:00:00Z"),
    attributes: {},
    ...overrides,
  } as User;
}

/** A third-party user whose access ends at `expiresAt`. */
export function thirdParty(id: string, expiresAt: Date | null, account: AccountState = { status: "active" }): User {
  return user({ id: id as UserId, thirdParty: true, accessExpiresAt: expiresAt, account });
}

/** Complete settings with third-party management on, in `timeZone`, with `maxAccessDays`. */
export function settings(timeZone = "UTC", maxAccessDays = 90, reminderDaysBefore: number[] = [14, 3]): Settings {
  return { ...DEFAULT_SETTINGS, timeZone, thirdParty: { enabled: true, maxAccessDays, reminderDaysBefore } };
}

/** Shorthand for `new Date(iso)`. */
export const at = (iso: string): Date => new Date(iso);
