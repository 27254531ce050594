import { describe, expect, it } from "vitest";
import { createScryptPasswordHasher } from "../../../src/adapters/node/scrypt-password-hasher.js";

const hasher = createScryptPasswordHasher({ cost: 2 ** 10, parallelization: 1 });

describe("createScryptPasswordHasher", () => {
  it("verifies the password it hashed, and refuses another", async () => {
    const encoded = await hasher.hash("correct horse battery staple");
    expect(encoded).toMatch(/^scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hasher.verify(encoded, "correct horse battery staple")).toBe(true);
    expect(await hasher.verify(encoded, "correct horse battery stapler")).toBe(false);
    expect(await hasher.verify(encoded, "")).toBe(false);
  });

  it("salts: two hashes of one password differ, and both verify", async () => {
    const [first, second] = await Promise.all([hasher.hash("secret"), hasher.hash("secret")]);
    expect(first).not.toBe(second);
    expect(await hasher.verify(first, "secret")).toBe(true);
    expect(await hasher.verify(second, "secret")).toBe(true);
  });

  it("verifies with the parameters stored in the hash, so raising the cost keeps old hashes valid", async () => {
    const old = await hasher.hash("secret");
    const stronger = createScryptPasswordHasher({ cost: 2 ** 11, blockSize: 4, parallelization: 2, keyLength: 48 });
    expect(await stronger.verify(old, "secret")).toBe(true);
    const encoded = await stronger.hash("secret");
    expect(encoded.startsWith("scrypt$ln=11,r=4,p=2$")).toBe(true);
    expect(await hasher.verify(encoded, "secret")).toBe(true);
  });

  it("compares passwords in NFKC form", async () => {
    const encoded = await hasher.hash("Ångström");
    expect(await hasher.verify(encoded, "A\u030Angstro\u0308m")).toBe(true);
  });

  it("answers false for malformed or hostile hashes, never throws", async () => {
    const good = await hasher.hash("secret");
    const [, , salt, hash] = good.split("$");
    const malformed = [
      "",
      "plain",
      "bcrypt$2b$10$abc",
      good.replace("scrypt$", "Scrypt$"),
      // A character in the middle of the hash: every bit of it carries data (the last one holds padding bits).
      `${good.slice(0, -5)}${good.at(-5) === "A" ? "Q" : "A"}${good.slice(-4)}`,
      good.replace(/\$([A-Za-z0-9+/])([A-Za-z0-9+/]{42})$/, (_m, first: string, rest: string) => `$${first === "A" ? "B" : "A"}${rest}`),
      `${good}A`,
      `scrypt$ln=99,r=8,p=1$${salt}$${hash}`,
      `scrypt$ln=10,r=0,p=1$${salt}$${hash}`,
      `scrypt$ln=10,r=8,p=1$${salt}$${hash}$extra`,
      `scrypt$ln=10,r=8,p=1$${salt}$!!!!!!!!!!!!!!!!!!!!!!`,
      `scrypt$ln=10,r=8,p=1$${salt}$${"A".repeat(16)}`,
      `scrypt$ln=24,r=32,p=16$${salt}$${hash}`,
    ];
    for (const encoded of malformed) expect(await hasher.verify(encoded, "secret")).toBe(false);
  });

  it("refuses bad options at creation", () => {
    expect(() => createScryptPasswordHasher({ cost: 1000 })).toThrow(RangeError);
    expect(() => createScryptPasswordHasher({ blockSize: 0 })).toThrow(RangeError);
    expect(() => createScryptPasswordHasher({ keyLength: 8 })).toThrow(RangeError);
  });
});
