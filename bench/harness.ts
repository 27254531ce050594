/** A tiny benchmark harness: medians over repeated runs, printed as a table and a JSON line. */
import { performance } from "node:perf_hooks";

/** One measured operation. */
export interface Measurement {
  readonly name: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly note?: string;
}

/** Runs `operation` `warmup` times unmeasured, then `runs` times, and returns the median and 95th percentile. */
export async function measure(
  name: string,
  operation: () => unknown,
  options: { readonly runs?: number; readonly warmup?: number; readonly note?: string } = {},
): Promise<Measurement> {
  const runs = options.runs ?? 30;
  for (let index = 0; index < (options.warmup ?? 5); index += 1) await operation();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = performance.now();
    await operation();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (quantile: number): number => times[Math.min(times.length - 1, Math.floor(quantile * times.length))] ?? Number.NaN;
  return { name, runs, medianMs: at(0.5), p95Ms: at(0.95), ...(options.note === undefined ? {} : { note: options.note }) };
}

/** Prints measurements as an aligned table followed by one JSON line (`BENCH {...}`) for machines. */
export function report(suite: string, measurements: readonly Measurement[]): void {
  console.log(`\n${suite}`);
  const width = Math.max(...measurements.map((m) => m.name.length));
  for (const m of measurements) {
    console.log(`  ${m.name.padEnd(width)}  median ${formatMs(m.medianMs)}  p95 ${formatMs(m.p95Ms)}  (${m.runs} runs)${m.note ? `  ${m.note}` : ""}`);
  }
  console.log(`BENCH ${JSON.stringify({ suite, measurements })}`);
}

function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1).padStart(7)} µs` : `${ms.toFixed(2).padStart(7)} ms`;
}
