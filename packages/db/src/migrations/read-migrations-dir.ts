import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";

export const LOCKFILE = "migration_lock.toml";
export const SNAPSHOT = "schema.prisma.snapshot";

/** Migration directory names in apply order (their names sort by timestamp/number). */
export function migrationNames(migrationsDir: string): string[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir)
    .filter((name) => statSync(join(migrationsDir, name)).isDirectory())
    .filter((name) => existsSync(join(migrationsDir, name, "migration.sql")))
    .sort();
}

/**
 * Loads a standard `prisma/migrations` folder in the shape the schema engine expects
 * (directory names relative to `baseDir`, never full paths).
 *
 * @example
 * const list = readMigrationsDir("/repo/prisma/migrations");
 */
export function readMigrationsDir(migrationsDir: string): MigrationList {
  const baseDir = resolve(migrationsDir);
  const lockPath = join(baseDir, LOCKFILE);
  if (!existsSync(lockPath)) throw new Error(`${lockPath} is missing: every migrations folder needs its lock file`);
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: readFileSync(lockPath, "utf8") },
    shadowDbInitScript: "",
    migrationDirectories: migrationNames(baseDir).map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}
