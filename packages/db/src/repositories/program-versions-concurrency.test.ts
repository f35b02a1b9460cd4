import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createProject } from "./projects";
import { addProgramVersion, createProgram } from "./programs";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("addProgramVersion under concurrent saves", () => {
  it("numbers every version once when several editors save the same program at the same time", async () => {
    const project = await createProject(db.prisma, { name: "concurrent saves" });
    const { program } = await createProgram(db.prisma, {
      projectId: project.id,
      name: "p",
      language: "PYTHON",
      source: "def label_function(x):\n    return -1\n",
    });
    const saved = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        addProgramVersion(db.prisma, program.id, { language: "PYTHON", source: `def label_function(x):\n    return -1  # edit ${i}\n` }),
      ),
    );
    expect(saved.map((v) => v.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await db.prisma.programVersion.count({ where: { programId: program.id } })).toBe(9);
  });
});
