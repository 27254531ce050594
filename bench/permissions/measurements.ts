/**
 * Measuring helpers of the permission benchmark, on top of the harness: tasks interleaved run by run
 * (so the noise of a shared machine hits every engine alike), heap deltas with a forced GC.
 */
import { measure, type Measurement } from "../harness.js";

export interface Task {
  readonly name: string;
  readonly run: () => unknown;
  /** Operations per run (questions answered, users built), to turn a run's time into a rate. */
  readonly ops: number;
  readonly note?: string;
}

/** A measurement with its per-operation figures. */
export interface Timed extends Measurement {
  readonly ops: number;
  /** Median time of one operation, in nanoseconds. */
  readonly nsPerOp: number;
  /** Operations per second at the median. */
  readonly perSecond: number;
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * Runs every task `warmup` times, then `runs` rounds in which each task runs once (each run timed by the
 * harness's `measure`), and returns each task's median and 95th percentile over its runs.
 */
export async function interleaved(tasks: readonly Task[], options: { readonly runs: number; readonly warmup: number }): Promise<Timed[]> {
  for (const task of tasks) for (let index = 0; index < options.warmup; index += 1) await task.run();
  const times = tasks.map(() => [] as number[]);
  for (let round = 0; round < options.runs; round += 1) {
    for (const [index, task] of tasks.entries()) {
      const single = await measure(task.name, task.run, { runs: 1, warmup: 0 });
      times[index]?.push(single.medianMs);
    }
  }
  return tasks.map((task, index) => {
    const sorted = [...(times[index] ?? [])].sort((a, b) => a - b);
    const medianMs = quantile(sorted, 0.5);
    return {
      name: task.name,
      runs: options.runs,
      medianMs,
      p95Ms: quantile(sorted, 0.95),
      ...(task.note === undefined ? {} : { note: task.note }),
      ops: task.ops,
      nsPerOp: (medianMs * 1e6) / task.ops,
      perSecond: task.ops / (medianMs / 1000),
    };
  });
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Whether heap figures come after a forced GC (`node --expose-gc`). */
export const exactHeap = typeof gc === "function";

function heapNow(): number {
  if (gc !== undefined) {
    gc();
    gc();
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Heap (JS heap + array buffers) retained by what `build` returns, in bytes. */
export async function retainedBytes(build: () => unknown): Promise<number> {
  const before = heapNow();
  const kept = await build();
  const after = heapNow();
  keepAlive(kept);
  return after - before;
}

let sink: unknown;
function keepAlive(value: unknown): void {
  sink = value;
  sink = undefined;
}
