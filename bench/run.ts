/**
 * `npm run bench`: every benchmark suite, one after another in this process. Numbers are medians over
 * repeated runs; compare them only with numbers from the same run on the same machine.
 * `BENCH_ONLY=user-list`, `BENCH_ONLY=permissions`, `BENCH_ONLY=expiry`, `BENCH_ONLY=postgres` or `BENCH_ONLY=provisioning` runs one suite.
 */
const only = process.env["BENCH_ONLY"];
const wanted = (suite: string): boolean => only === undefined || only === "" || only === suite;

console.log(`tenure benchmarks — node ${process.version}, ${new Date().toISOString()}`);
if (wanted("user-list")) await (await import("./user-list.bench.js")).runUserListBench();
if (wanted("permissions")) await (await import("./permissions/run-permissions.js")).runPermissionBench();
if (wanted("expiry")) await (await import("./expiry.bench.js")).runExpiryBench();
if (wanted("postgres")) await (await import("./postgres.bench.js")).runPostgresBench();
if (wanted("provisioning")) await (await import("./provisioning.bench.js")).runProvisioningBench();
export {};
