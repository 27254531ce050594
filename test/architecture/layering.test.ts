import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

/** The layering rules of `docs/architecture.md`, checked on the source files' imports. */
const SRC = resolve(__dirname, "../../src");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative module a file imports or re-exports, as a path below `src/` (e.g. `access/_internal/bit-set.js`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/g), ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map(
    (match) => match[1] as string,
  );
  return specifiers.filter((specifier) => specifier.startsWith(".")).map((specifier) => toPosix(relative(SRC, resolve(dirname(file), specifier))));
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

const files = sourceFiles(SRC).map((file) => ({ path: toPosix(relative(SRC, file)), imports: importsOf(file) }));

/** The folder that owns an `_internal` import (`service/commands/roles` for `service/commands/roles/_internal/x.js`), or null. */
function internalOwner(imported: string): string | null {
  const parts = imported.split("/");
  const at = parts.indexOf("_internal");
  return at < 0 ? null : parts.slice(0, at).join("/");
}

function isInside(path: string, folder: string): boolean {
  return folder === "" || path.startsWith(`${folder}/`);
}

/**
 * Known exceptions, each with its reason. `tenure/testing`'s entry re-exports the store-conformance
 * fixtures, which live in that kit's `_internal` (the store adapters' kit; moving them is its own change).
 */
const ALLOWED_INTERNAL: readonly { readonly file: string; readonly under: string }[] = [
  { file: "testing/index.ts", under: "testing/store-conformance/_internal/fixtures" },
];

function violations(rule: (file: string, imported: string) => boolean): string[] {
  return files.flatMap((file) => file.imports.filter((imported) => rule(file.path, imported)).map((imported) => `${file.path} → ${imported}`));
}

describe("layering", () => {
  it("finds the source files and their imports", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.find((file) => file.path === "service/_internal/admit-member.ts")?.imports).toContain("access/guards/role-admission.js");
  });

  it("no file imports another folder's _internal: only its own folder's or an ancestor's", () => {
    expect(
      violations((file, imported) => {
        const owner = internalOwner(imported);
        if (owner === null || isInside(file, owner)) return false;
        return !ALLOWED_INTERNAL.some((allowed) => allowed.file === file && isInside(imported, allowed.under));
      }),
    ).toEqual([]);
  });

  it("the core and the service never import an adapter", () => {
    const layers = ["model", "access", "lifecycle", "expiry", "mail", "provisioning", "service"];
    expect(violations((file, imported) => layers.some((layer) => isInside(file, layer)) && isInside(imported, "adapters"))).toEqual([]);
  });

  it("the model does not import mail", () => {
    expect(violations((file, imported) => isInside(file, "model") && isInside(imported, "mail"))).toEqual([]);
  });

  it("the rule itself catches a foreign _internal import and an adapter import", () => {
    // The checks above must be able to fail: the same predicates on known-bad pairs.
    expect(isInside("service/commands/groups/add-group-members.ts", internalOwner("service/commands/roles/_internal/role-guards.js") as string)).toBe(false);
    expect(isInside("service/commands/roles/grant-role.ts", internalOwner("service/_internal/gate.js") as string)).toBe(true);
    expect(isInside("service/_internal/service-context.ts", "adapters")).toBe(false);
    expect(isInside("adapters/node/system-clock.js", "adapters")).toBe(true);
  });
});
