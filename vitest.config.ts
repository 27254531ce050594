import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^tenure\/testing$/, replacement: source("./src/testing/index.ts") },
      { find: /^tenure\/nodemailer$/, replacement: source("./src/nodemailer.ts") },
      { find: /^tenure$/, replacement: source("./src/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    coverage: { provider: "v8", include: ["src/**"] },
  },
});
