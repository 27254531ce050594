import type { Result } from "neverthrow";
import type { ConflictError, DuplicateError, NotFoundError } from "../model/tenure-error.js";

/** What inserting a record may fail with: its id or a unique field is taken. */
export type InsertResult<T> = Promise<Result<T, DuplicateError>>;
/** What updating a versioned record may fail with: it is gone, it changed since it was read, or a unique field is taken. */
export type UpdateResult<T> = Promise<Result<T, ConflictError | NotFoundError | DuplicateError>>;
/** What deleting a record may fail with. */
export type DeleteResult = Promise<Result<void, ConflictError | NotFoundError>>;
