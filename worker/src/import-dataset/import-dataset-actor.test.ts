import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addMember, createOwnedProject, setMemberRole } from "@alchemist/db";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { parseImportDatasetPayload } from "@alchemist/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDatasetService } from "./import-dataset-service";

// Roles can change while a job waits in the queue: the worker re-checks the job's actor before
// writing anything.
let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "alchemist-import-actor-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db?.drop();
});

async function job(projectId: string, actorId: string) {
  const uploadId = randomUUID();
  await writeFile(join(dir, `${uploadId}.csv`), "text\nhello\nworld\n");
  return parseImportDatasetPayload({ projectId, actorId, uploadId, format: "csv", fileName: "rows.csv", name: "rows", mapping: { input: ["text"] } });
}

describe("import-dataset actor check", () => {
  it("refuses to import for an actor demoted to viewer or removed, and imports for an editor", async () => {
    const owner = await db.prisma.user.create({ data: { email: "o@actor.test" } });
    const editor = await db.prisma.user.create({ data: { email: "e@actor.test" } });
    const stranger = await db.prisma.user.create({ data: { email: "s@actor.test" } });
    const project = await createOwnedProject(db.prisma, owner.id, { name: "actor" });
    await addMember(db.prisma, project.id, editor.id, "EDITOR");
    const report = async () => {};

    const queued = await job(project.id, editor.id);
    await setMemberRole(db.prisma, project.id, editor.id, "VIEWER");
    await expect(importDatasetService(db.prisma, queued, { uploadDir: dir, report })).rejects.toMatchObject({
      name: "DomainError",
      code: "FORBIDDEN",
      message: expect.stringMatching(/needs a higher role/),
    });
    await expect(importDatasetService(db.prisma, await job(project.id, stranger.id), { uploadDir: dir, report })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/is not a member of project/),
    });
    expect(await db.prisma.dataset.count({ where: { projectId: project.id } })).toBe(0);

    await setMemberRole(db.prisma, project.id, editor.id, "EDITOR");
    const result = await importDatasetService(db.prisma, await job(project.id, editor.id), { uploadDir: dir, report });
    expect(result.rows).toBe(2);
  });
});
