import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing/create-test-database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

/** The prepared statements of the connection a transaction runs on, by name prefix. */
const prepared = (tx: Pick<TestDatabase["prisma"], "$queryRawUnsafe">) =>
  tx.$queryRawUnsafe<{ name: string; statement: string }[]>(`select name, statement from pg_prepared_statements where name like 'a\\_%' order by statement`);

describe("createPrismaClient", () => {
  it("runs queries with parameters as named prepared statements, once per shape per connection", async () => {
    const project = await db.prisma.project.create({ data: { name: "prepared" } });
    const statements = await db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 3; i++) expect((await tx.project.findUnique({ where: { id: project.id } }))?.name).toBe("prepared");
      await tx.$queryRawUnsafe("select 42 as answer");
      return prepared(tx);
    });
    // One statement for the three lookups; the parameterless query stays unnamed.
    expect(statements.filter((s) => s.statement.startsWith('SELECT "public"."Project"."id"') && s.statement.includes('"id" = $1'))).toHaveLength(1);
    expect(statements.some((s) => s.statement.includes("42"))).toBe(false);
  });

  it("leaves long IN lists unnamed, so the statements a connection keeps stay bounded", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `missing-${i}`);
    const statements = await db.prisma.$transaction(async (tx) => {
      expect(await tx.project.findMany({ where: { id: { in: ids } } })).toEqual([]);
      return prepared(tx);
    });
    expect(statements.some((s) => s.statement.includes("$40"))).toBe(false);
  });
});
