import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogToMermaid } from "tenure";
import { catalog as partnerPortal } from "../examples/catalogs/partner-portal.js";

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe("docs stay true", () => {
  it("the permission-model guide draws the partner portal's catalog as it is now", () => {
    const guide = read("docs/permission-model.md");
    const drawn = /## An example: the partner portal[\s\S]*?```mermaid\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(drawn).toBe(catalogToMermaid(partnerPortal));
  });

  it("every docs page a page links to exists", () => {
    const pages = readdirSync(new URL("../docs/", import.meta.url)).filter((name) => name.endsWith(".md"));
    expect(pages).toContain("security.md");
    for (const page of ["README.md", ...pages.map((name) => `docs/${name}`)]) {
      for (const [, target] of read(page).matchAll(/\]\(((?:docs\/)?[a-z-]+\.md)\)/g)) {
        const path = page.startsWith("docs/") && !target!.startsWith("docs/") ? `docs/${target}` : target!;
        expect(() => read(path), `${page} links to ${target}`).not.toThrow();
      }
    }
  });
});
