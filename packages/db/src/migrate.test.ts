import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, SCHEMA_PATH, applyMigrations, createMigration, dropDatabase } from "./migrate";

const admin = process.env.TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const url = (() => {
  const u = new URL(admin);
  u.pathname = `/alchemist_test_mig_${Date.now().toString(36)}`;
  return u.toString();
})();

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("applyMigrations", () => {
  afterAll(() => dropDatabase(url));

  it("creates the database, applies the migrations once and is idempotent", async () => {
    const first = await applyMigrations({ databaseUrl: url });
    expect(first.created).toBe(true);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await applyMigrations({ databaseUrl: url });
    expect(second).toEqual({ created: false, applied: [] });
    const rows = await query(`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    const tables = await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["Project", "ProgramOutput", "Run", "Job"]));
  });
});

describe("createMigration", () => {
  it("writes nothing when the schema matches the last snapshot, and the SQL of a change otherwise", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alchemist-mig-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const schemaPath = join(dir, "schema.prisma");
    writeFileSync(schemaPath, readFileSync(SCHEMA_PATH, "utf8"));
    expect(await createMigration({ name: "noop", schemaPath, migrationsDir: dir, databaseUrl: admin })).toBeNull();
    writeFileSync(schemaPath, readFileSync(SCHEMA_PATH, "utf8").replace("model Project {\n", "model Project {\n  color String?\n"));
    const made = await createMigration({ name: "add_color", schemaPath, migrationsDir: dir, databaseUrl: admin, now: new Date("2099-01-01T00:00:00Z") });
    expect(made?.dir).toBe(join(dir, "20990101000000_add_color"));
    expect(made?.sql).toMatch(/ALTER TABLE "Project" ADD COLUMN\s+"color" TEXT/);
    expect(readFileSync(join(made!.dir, "schema.prisma.snapshot"), "utf8")).toContain("color String?");
    expect(await createMigration({ name: "again", schemaPath, migrationsDir: dir, databaseUrl: admin })).toBeNull();
  });

  it("rejects a bad migration name", async () => {
    await expect(createMigration({ name: "Bad Name", databaseUrl: admin })).rejects.toThrow(/Bad Name/);
  });
});
