import type { Result } from "neverthrow";

/**
 * Runs `attempt` again when it failed with a `conflict` (a concurrent transaction committed a change
 * to a record it wrote), at most `times` times in all. Each run must re-read what it writes, so a retry
 * decides on fresh data and never loses the other writer's update.
 */
export async function retryOnConflict<T, E extends { readonly code: string }>(
  times: number,
  attempt: () => PromiseLike<Result<T, E>>,
): Promise<Result<T, E>> {
  let result = await attempt();
  for (let run = 1; run < times && result.isErr() && result.error.code === "conflict"; run += 1) result = await attempt();
  return result;
}
