/** The permission benchmark's printed table (with tenure-vs-peer ratios), target verdicts and one `BENCH {json}` line. */

export const ENGINES = ["tenure", "hand-written", "CASL", "Casbin"] as const;
export type EngineName = (typeof ENGINES)[number];

/** One line of the table: a metric for some engines. */
export interface Row {
  readonly section: string;
  readonly metric: string;
  readonly unit: string;
  /** Which direction is better, for the ratios. */
  readonly better: "higher" | "lower";
  readonly values: Partial<Record<EngineName, number>>;
  /** Median and p95 (ms per run) behind each value, for the JSON line. */
  readonly runs?: Partial<Record<EngineName, { readonly medianMs: number; readonly p95Ms: number; readonly runs: number; readonly ops: number }>>;
}

export interface Target {
  readonly name: string;
  readonly met: boolean;
  readonly measured: string;
}

/** How many times better tenure is than `peer` on a row (>1: tenure better). */
export function ratio(row: Row, peer: EngineName): number | undefined {
  const mine = row.values.tenure;
  const theirs = row.values[peer];
  if (mine === undefined || theirs === undefined || mine === 0 || theirs === 0) return undefined;
  return row.better === "higher" ? mine / theirs : theirs / mine;
}

export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return "—";
  if (unit === "checks/s") {
    if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M/s`;
    if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k/s`;
    return `${value.toFixed(0)} /s`;
  }
  if (unit === "µs") return value >= 1000 ? `${(value / 1000).toFixed(2)} ms` : `${value.toFixed(2)} µs`;
  if (unit === "MB") return `${value.toFixed(1)} MB`;
  return `${value.toFixed(1)} ${unit}`;
}

function formatRatio(value: number | undefined): string {
  if (value === undefined) return "—";
  return value >= 100 ? `${value.toFixed(0)}×` : `${value.toFixed(2)}×`;
}

/** Prints the table, the targets, and the one JSON line. */
export function printReport(suite: string, header: readonly string[], rows: readonly Row[], targets: readonly Target[], extra: Record<string, unknown>): void {
  console.log(`\n${suite}`);
  for (const line of header) console.log(`  ${line}`);
  const columns = ["metric", ...ENGINES, "tenure vs hand-written", "vs CASL", "vs Casbin"];
  const table = rows.map((row) => [
    `${row.metric} (${row.unit})`,
    ...ENGINES.map((engine) => formatValue(row.values[engine], row.unit)),
    formatRatio(ratio(row, "hand-written")),
    formatRatio(ratio(row, "CASL")),
    formatRatio(ratio(row, "Casbin")),
  ]);
  const widths = columns.map((column, index) => Math.max(column.length, ...table.map((cells) => (cells[index] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join("  ");
  let section = "";
  console.log(`\n  ${line(columns)}`);
  for (const [index, row] of rows.entries()) {
    if (row.section !== section) {
      section = row.section;
      console.log(`  ${section}`);
    }
    console.log(`  ${line(table[index] ?? [])}`);
  }
  console.log("  (ratios: how many times better tenure is; > 1 = tenure faster / smaller)");
  console.log("\n  targets");
  for (const target of targets) console.log(`    ${target.met ? "MET " : "MISS"}  ${target.name}: ${target.measured}`);
  console.log(
    `BENCH ${JSON.stringify({
      suite,
      ...extra,
      rows: rows.map((row) => ({ ...row, ratios: Object.fromEntries((["hand-written", "CASL", "Casbin"] as const).map((peer) => [peer, ratio(row, peer) ?? null])) })),
      targets,
    })}`,
  );
}
