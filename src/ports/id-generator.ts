import type { IdKind } from "../model/ids.js";

/** Makes new ids. Ids must be unique per kind for the lifetime of the store, and URL-safe. */
export interface IdGenerator {
  /** A fresh id for an entity of the given kind. */
  next(kind: IdKind): string;
}
