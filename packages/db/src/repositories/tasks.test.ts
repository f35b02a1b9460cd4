import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TaskSpec } from "@alchemist/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../domain-error";
import { MIGRATIONS_DIR, applyMigrations, dropDatabase } from "../migrate";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createProject } from "./projects";
import { createTask, findProjectTask, getProjectTask, saveProjectTask } from "./tasks";

const spec = (name: string): TaskSpec => ({
  name,
  description: "",
  input: "text",
  language: "python",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "" },
    { name: "spam", description: "" },
  ],
});

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("one task per project", () => {
  it("refuses a second task with CONFLICT and keeps the first as it was", async () => {
    const project = await createProject(db.prisma, { name: "one-task" });
    const first = await createTask(db.prisma, project.id, spec("first"));
    const second = createTask(db.prisma, project.id, spec("second"));
    await expect(second).rejects.toBeInstanceOf(DomainError);
    await expect(second).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already has a task/) });
    expect(await db.prisma.task.findMany({ where: { projectId: project.id }, select: { id: true, name: true } })).toEqual([{ id: first.id, name: "first" }]);
    expect((await getProjectTask(db.prisma, project.id)).id).toBe(first.id);
  });

  it("saves create the task once and then update it in place, even when they race", async () => {
    const project = await createProject(db.prisma, { name: "racing-saves" });
    expect(await findProjectTask(db.prisma, project.id)).toBeNull();
    await expect(getProjectTask(db.prisma, project.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await Promise.all(["a", "b", "c", "d"].map((name) => saveProjectTask(db.prisma, project.id, spec(name))));
    const tasks = await db.prisma.task.findMany({ where: { projectId: project.id } });
    expect(tasks).toHaveLength(1);
    await saveProjectTask(db.prisma, project.id, spec("renamed"));
    expect(await getProjectTask(db.prisma, project.id)).toMatchObject({ id: tasks[0]!.id, name: "renamed" });
  });

  it("refuses a task with fewer than two classes and writes nothing", async () => {
    const project = await createProject(db.prisma, { name: "one-class" });
    await expect(saveProjectTask(db.prisma, project.id, { ...spec("solo"), classes: [{ name: "only", description: "" }] })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringMatching(/has 1 classes/),
    });
    expect(await findProjectTask(db.prisma, project.id)).toBeNull();
  });
});

describe("migration one_task_per_project", () => {
  const migration = readdirSync(MIGRATIONS_DIR).find((name) => name.endsWith("_one_task_per_project"));
  const admin = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres");
  admin.pathname = `/alchemist_test_dedupe_${randomBytes(6).toString("hex")}`;
  const url = admin.toString();
  const before = mkdtempSync(join(tmpdir(), "alchemist-mig-before-"));
  afterAll(async () => {
    await dropDatabase(url);
    rmSync(before, { recursive: true, force: true });
  });

  it("keeps each project's newest task and deletes the older duplicates", async () => {
    expect(migration).toBeDefined();
    for (const name of readdirSync(MIGRATIONS_DIR)) {
      // the folders before this migration, plus migration_lock.toml
      if (name < migration! || !/^\d/.test(name)) cpSync(join(MIGRATIONS_DIR, name), join(before, name), { recursive: true });
    }
    await applyMigrations({ databaseUrl: url, migrationsDir: before });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO "Project" ("id", "name", "updatedAt") VALUES ('p1', 'dupes', now()), ('p2', 'single', now())`);
      const insert = `INSERT INTO "Task" ("id", "projectId", "name", "input", "classes", "createdAt") VALUES ($1, $2, $3, '"text"', '[]', $4)`;
      await client.query(insert, ["t-old", "p1", "old", "2026-01-01T00:00:00Z"]);
      await client.query(insert, ["t-new", "p1", "new", "2026-03-01T00:00:00Z"]);
      await client.query(insert, ["t-mid", "p1", "mid", "2026-02-01T00:00:00Z"]);
      await client.query(insert, ["t-only", "p2", "only", "2026-01-01T00:00:00Z"]);

      const { applied } = await applyMigrations({ databaseUrl: url });
      expect(applied[0]).toBe(migration);
      const { rows } = await client.query(`SELECT "id", "projectId" FROM "Task" ORDER BY "projectId"`);
      expect(rows).toEqual([
        { id: "t-new", projectId: "p1" },
        { id: "t-only", projectId: "p2" },
      ]);
      await expect(client.query(insert, ["t-again", "p2", "again", "2026-04-01T00:00:00Z"])).rejects.toThrow(/Task_projectId_key/);
    } finally {
      await client.end();
    }
  });
});
