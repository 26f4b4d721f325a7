import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

import { describe, expect, it } from "vitest";

// Raw SQL goes through Prisma.sql / join / raw and the tagged $queryRaw and
// $executeRaw, so a value can never land in the SQL text. The *Unsafe calls
// take a string, which invites building one: none may appear in src/.

const ROOT = join(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");

/** Folders not scanned: Prisma's generated client declares and documents the Unsafe methods itself. */
const SKIPPED = new Set(["src/generated"]);

/** Files allowed to call an Unsafe method, each with the reason. None today. */
const ALLOWED = new Set<string>([]);

const UNSAFE = /\$(?:queryRawUnsafe|executeRawUnsafe)\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(relative(ROOT, path)) ? [] : sourceFiles(path);
    return /\.[cm]?[jt]s$/.test(entry.name) ? [path] : [];
  });
}

describe("raw SQL in src/", () => {
  it("never calls $queryRawUnsafe or $executeRawUnsafe", () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (UNSAFE.test(line) && !ALLOWED.has(relative(ROOT, file)) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
