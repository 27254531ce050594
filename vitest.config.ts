import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The lifecycle scenarios and the model-based test, which run on every store (see test/service/_test-store.ts). */
const serviceTests = ["test/service/**/*.test.ts"];
const serverUrl = process.env["TENURE_TEST_DATABASE_URL"];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^tenure\/testing$/, replacement: source("./src/testing/index.ts") },
      { find: /^tenure\/postgres$/, replacement: source("./src/postgres.ts") },
      { find: /^tenure\/ldap$/, replacement: source("./src/ldap.ts") },
      { find: /^tenure\/nodemailer$/, replacement: source("./src/nodemailer.ts") },
      { find: /^tenure$/, replacement: source("./src/index.ts") },
    ],
  },
  test: {
    coverage: { provider: "v8", include: ["src/**"] },
    projects: [
      {
        extends: true,
        test: {
          name: "memory",
          include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
          // Property tests run many worlds; the default 5 s is too short on a busy 2-core machine.
          testTimeout: 30_000,
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
        },
      },
      { extends: true as const, test: { name: "pglite", include: serviceTests, env: { TENURE_TEST_STORE: "pglite" }, testTimeout: 120_000, hookTimeout: 120_000 } },
      ...(serverUrl === undefined
        ? []
        : [{ extends: true as const, test: { name: "server", include: serviceTests, env: { TENURE_TEST_STORE: "server" }, testTimeout: 120_000, hookTimeout: 120_000 } }]),
    ],
  },
});
