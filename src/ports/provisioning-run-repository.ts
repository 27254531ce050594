import type { Result } from "neverthrow";
import type { OrganizationId, ProvisioningRunId } from "../model/ids.js";
import type { Page } from "../model/page.js";
import type { ProvisioningRecordOutcome, ProvisioningRun } from "../model/provisioning-run.js";
import type { DuplicateError, ValidationError } from "../model/tenure-error.js";
import type { InsertResult, UpdateResult } from "./write-result.js";

/** A page request over an organization's provisioning runs. */
export interface ProvisioningRunListQuery {
  readonly limit: number;
  /** The `nextCursor` of the previous page. */
  readonly after?: string | undefined;
  /** Only the runs of this configured source (by name). */
  readonly source?: string | undefined;
}

/** A page request over one run's record outcomes. */
export interface ProvisioningOutcomeListQuery {
  readonly limit: number;
  /** The `nextCursor` of the previous page. */
  readonly after?: string | undefined;
  /** Only outcomes with one of these statuses (e.g. the failures); an empty list matches none. */
  readonly statuses?: readonly ProvisioningRecordOutcome["status"][] | undefined;
}

/**
 * Stores provisioning runs (versioned, scoped to one organization) and their per-record outcomes
 * (append-only, keyed by `(runId, sequence)`).
 *
 * Duties:
 * - Every method is scoped by organization: another organization's run reads as `null` (or an empty
 *   page), and its outcomes are never listed.
 * - `update` is optimistic on `run.version` like every versioned repository: `conflict` when the
 *   stored run changed since it was read (or a concurrent unit of work committed a change to it),
 *   `not_found` when there is no such run in the organization; else it stores `version + 1`.
 * - `appendOutcomes` is all or nothing: if any `(runId, sequence)` is taken (stored, or repeated in the
 *   call), it answers `duplicate` and writes none of the call's outcomes; the unit of work stays usable.
 * - Lists are keyset pages (`Page.nextCursor`, `Page.total` counted on the first page): runs newest
 *   first (`startedAt` desc, then id desc), outcomes by `sequence`. A cursor the list did not produce is
 *   a `validation` error on `after`.
 */
export interface ProvisioningRunRepository {
  /** Stores a new run (`version` 0); `duplicate` if its id is taken. */
  insert(run: ProvisioningRun): InsertResult<ProvisioningRun>;
  /** Replaces a run as read; `conflict` if it changed since, `not_found` if it is not in the organization. */
  update(run: ProvisioningRun): UpdateResult<ProvisioningRun>;
  /** The run, or `null` (also for another organization's run). */
  get(organizationId: OrganizationId, id: ProvisioningRunId): Promise<ProvisioningRun | null>;
  /** Newest first (`startedAt` desc, id desc); cursor paging like the other lists. */
  list(organizationId: OrganizationId, query: ProvisioningRunListQuery): Promise<Result<Page<ProvisioningRun>, ValidationError>>;
  /** Appends outcomes; `duplicate` (writing nothing of the call) if a `(runId, sequence)` is taken. */
  appendOutcomes(outcomes: readonly ProvisioningRecordOutcome[]): Promise<Result<void, DuplicateError>>;
  /** The outcomes of one run of the organization, by `sequence`; optionally only some statuses. */
  listOutcomes(
    organizationId: OrganizationId,
    runId: ProvisioningRunId,
    query: ProvisioningOutcomeListQuery,
  ): Promise<Result<Page<ProvisioningRecordOutcome>, ValidationError>>;
}
