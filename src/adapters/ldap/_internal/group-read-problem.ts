/** A group could not be resolved completely: it is missing, not a group, or its member list is ranged. */
export class GroupReadProblem extends Error {
  constructor(
    readonly reason: "invalid_response" | "partial_read",
    message: string,
  ) {
    super(message);
  }
}
