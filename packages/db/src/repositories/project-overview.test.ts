import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../testing/seed-demo";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { readProjectOverview } from "./project-overview";
import { addProgramVersion } from "./programs";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("readProjectOverview", () => {
  it("reads what the relation queries read, in one query", async () => {
    const { projectId } = await seedDemo(db.prisma);
    const first = await db.prisma.program.findFirstOrThrow({ where: { projectId }, orderBy: { name: "asc" } });
    await addProgramVersion(db.prisma, first.id, { language: "JAVASCRIPT", source: "function label_function(x) { return -1; }" });
    const expected = await db.prisma.project.findUniqueOrThrow({
      where: { id: projectId },
      select: {
        id: true,
        name: true,
        description: true,
        datasets: { orderBy: { createdAt: "asc" }, select: { id: true, name: true, rowCount: true } },
        task: { select: { id: true, name: true, description: true, classes: true, multiLabel: true } },
        programs: {
          orderBy: { name: "asc" },
          select: { id: true, name: true, enabled: true, versions: { orderBy: { version: "desc" }, take: 1, select: { language: true, version: true } } },
        },
      },
    });
    const overview = await readProjectOverview(db.prisma, projectId);
    const { task, ...rest } = expected;
    expect(overview).toEqual({
      ...rest,
      tasks: task ? [task] : [],
      programs: expected.programs.map(({ versions, ...p }) => ({ ...p, language: versions[0]?.language ?? null, version: versions[0]?.version ?? null })),
    });
    expect(overview!.programs.find((p) => p.id === first.id)).toMatchObject({ language: "JAVASCRIPT", version: 2 });
    expect(await readProjectOverview(db.prisma, "no-such-project")).toBeNull();
  });
});
