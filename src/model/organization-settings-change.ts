import type * as z from "zod";
import type { organizationSettingsChangesSchema, OrganizationSettings } from "./settings.js";

/** The settings groups that change field by field. */
const GROUPS = ["thirdParty", "tokens", "signIn"] as const;

/** What applying a settings change gives: the organization's new overrides, and exactly the changed ones before and after (`null`: not overridden, the installation's value). */
export interface OrganizationSettingsChange {
  readonly settings: OrganizationSettings;
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
}

/**
 * Applies a change to an organization's setting overrides (pure): a value sets the override, `null`
 * drops it, an absent field is left alone; a group left with no field is dropped. `before` and `after`
 * hold exactly the settings whose override changed (a group with exactly its changed fields), so the
 * audit event says what changed and nothing else; a field set to the value it had is no change.
 *
 * @example
 * ```ts
 * changeOrganizationSettings({ forceVerify: false }, { forceVerify: true, signIn: { maxFailedAttempts: 3 } });
 * // settings { forceVerify: true, signIn: { maxFailedAttempts: 3 } },
 * // before { forceVerify: false, signIn: { maxFailedAttempts: null } }, after { forceVerify: true, signIn: { maxFailedAttempts: 3 } }
 * ```
 */
export function changeOrganizationSettings(
  current: OrganizationSettings,
  changes: z.output<typeof organizationSettingsChangesSchema>,
): OrganizationSettingsChange {
  const next: Record<string, unknown> = { ...current };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || (GROUPS as readonly string[]).includes(key)) continue;
    const old = (current as Record<string, unknown>)[key];
    if (same(old, value)) continue;
    before[key] = old ?? null;
    after[key] = value;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  for (const group of GROUPS) {
    const fields = changes[group];
    if (fields === undefined) continue;
    const held: Record<string, unknown> = { ...(current[group] ?? {}) };
    const groupBefore: Record<string, unknown> = {};
    const groupAfter: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || same(held[key], value)) continue;
      groupBefore[key] = held[key] ?? null;
      groupAfter[key] = value;
      if (value === null) delete held[key];
      else held[key] = value;
    }
    if (Object.keys(groupAfter).length === 0) continue;
    before[group] = groupBefore;
    after[group] = groupAfter;
    if (Object.values(held).every((value) => value === undefined)) delete next[group];
    else next[group] = held;
  }
  return { settings: next as OrganizationSettings, before, after };
}

/** Whether an override and a change's value mean the same (an absent override and `null` do). */
function same(old: unknown, value: unknown): boolean {
  return JSON.stringify(old ?? null) === JSON.stringify(value ?? null);
}
