import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { createDatasetWithRows } from "./datasets";
import { findProjectDatasetName, findProjectProgramName } from "./page-names";
import { createProgram } from "./programs";
import { createProject } from "./projects";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("page names (titles)", () => {
  it("names a dataset or program of the project, and nothing of another project's", async () => {
    const project = await createProject(db.prisma, { name: "titled" });
    const other = await createProject(db.prisma, { name: "other" });
    const dataset = await createDatasetWithRows(db.prisma, {
      projectId: project.id,
      name: "sms spam",
      rows: [{ id: "r0", fields: { text: "a" }, split: "train" }],
    });
    const { program } = await createProgram(db.prisma, {
      projectId: project.id,
      name: "has_url",
      language: "JAVASCRIPT",
      source: "function label_function(t) { return -1; }",
    });
    expect(await findProjectDatasetName(db.prisma, project.id, dataset.id)).toBe("sms spam");
    expect(await findProjectProgramName(db.prisma, project.id, program.id)).toBe("has_url");
    expect(await findProjectDatasetName(db.prisma, other.id, dataset.id)).toBeNull();
    expect(await findProjectProgramName(db.prisma, other.id, program.id)).toBeNull();
    expect(await findProjectDatasetName(db.prisma, project.id, program.id)).toBeNull();
  });
});
