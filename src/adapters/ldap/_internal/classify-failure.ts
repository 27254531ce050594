import {
  AdminLimitExceededError,
  BusyError,
  InvalidCredentialsError,
  NoSuchObjectError,
  ResultCodeError,
  SizeLimitExceededError,
  TimeLimitExceededError,
  UnavailableError,
} from "ldapts";
import type { SourceFailure } from "../../../model/tenure-error.js";

/** Where a read was when it failed: the same error means different things before and after the first page. */
export type ReadStage = "connect" | "bind" | "search" | "groups";

/** A failure's reason and a message for the operator (without credentials). */
export interface ClassifiedFailure {
  readonly reason: SourceFailure;
  readonly message: string;
}

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ECONNRESET", "EPIPE"]);

/** Tells why an ldapts call failed, for `source_unavailable`; `pagesRead` counts the search pages already received. */
export function classifyFailure(error: unknown, stage: ReadStage, pagesRead: number): ClassifiedFailure {
  const detail = error instanceof Error ? error.message.trim() : String(error);
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const during = { connect: "connecting", bind: "binding", search: "searching", groups: "reading groups" }[stage];
  if (error instanceof InvalidCredentialsError) {
    return { reason: "bind_failed", message: "the server refused the bind: invalid credentials for the configured bind DN" };
  }
  if (error instanceof SizeLimitExceededError || error instanceof AdminLimitExceededError) {
    return { reason: "size_limit", message: `the server's size limit stopped the search after ${pagesRead} page(s) (${detail || error.name})` };
  }
  if (error instanceof TimeLimitExceededError || /timed? ?out/i.test(detail) || code === "ETIMEDOUT") {
    return { reason: "timeout", message: `no answer in time while ${during} (${detail || code})` };
  }
  if (error instanceof BusyError || error instanceof UnavailableError) {
    return { reason: "unreachable", message: `the server is busy or unavailable (${detail || error.name})` };
  }
  if (stage === "bind" && error instanceof ResultCodeError) {
    return { reason: "bind_failed", message: `the server refused the bind (${error.name}: ${detail})` };
  }
  if (error instanceof NoSuchObjectError) {
    return { reason: "invalid_response", message: `the search base does not exist or cannot be read (${detail || error.name})` };
  }
  if (error instanceof ResultCodeError) {
    return { reason: stage === "search" && pagesRead > 0 ? "partial_read" : "invalid_response", message: `the server answered ${error.name} while ${during} (${detail})` };
  }
  if (stage === "search" && pagesRead > 0) {
    return { reason: "partial_read", message: `the paged search ended after ${pagesRead} page(s): ${detail || code}` };
  }
  if (stage === "connect" || stage === "bind" || UNREACHABLE_CODES.has(code) || /socket|connection|TLS|certificate/i.test(detail)) {
    return { reason: "unreachable", message: `cannot talk to the server while ${during} (${[code, detail].filter(Boolean).join(": ")})` };
  }
  return { reason: "invalid_response", message: `unexpected failure while ${during} (${detail || code})` };
}
