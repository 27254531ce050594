/**
 * The first cycle in a directed graph, as the list of nodes around it (first node repeated at the end),
 * or `null`. Iterative depth-first search, so deep graphs do not overflow the stack.
 */
export function findCycle(nodes: Iterable<string>, edges: (node: string) => readonly string[]): string[] | null {
  const state = new Map<string, "visiting" | "done">();
  for (const start of nodes) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, "visiting");
    path.push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { node: string; next: number };
      const targets = edges(frame.node);
      if (frame.next >= targets.length) {
        state.set(frame.node, "done");
        stack.pop();
        path.pop();
        continue;
      }
      const target = targets[frame.next] as string;
      frame.next += 1;
      const seen = state.get(target);
      if (seen === "visiting") return [...path.slice(path.indexOf(target)), target];
      if (seen === undefined) {
        state.set(target, "visiting");
        path.push(target);
        stack.push({ node: target, next: 0 });
      }
    }
  }
  return null;
}
