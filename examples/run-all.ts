/**
 * Runs every example under examples/ that has a `main` walkthrough, each in its own process, and fails
 * if one exits non-zero. Part of `npm test`, so the examples in the docs keep working.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const scripts = readdirSync(here)
  .filter((name) => name.endsWith(".ts") && name !== "run-all.ts" && !name.endsWith(".test.ts"))
  .sort();

let failed = 0;
for (const script of scripts) {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(here, script)], { encoding: "utf8", timeout: 120_000 });
  const ok = run.status === 0;
  if (!ok) failed += 1;
  console.log(`${ok ? "ok  " : "FAIL"} examples/${script}`);
  if (!ok) console.log(run.stdout, run.stderr);
}
console.log(`examples: ${scripts.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
