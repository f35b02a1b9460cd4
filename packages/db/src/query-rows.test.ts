import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./testing/create-test-database";
import { queryRows } from "./query-rows";
import { Prisma } from "./generated/prisma/client";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

/** Counts the queries pg pools run while `work` runs (the pools are real; only counted). */
async function poolQueries(work: () => Promise<unknown>): Promise<number> {
  const original = pg.Pool.prototype.query;
  let calls = 0;
  pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
    calls++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Pool.prototype.query = original;
  }
  return calls;
}

describe("queryRows", () => {
  const at = new Date("2026-03-04T05:06:07.089Z");
  // Every type whose pg default differs from $queryRaw's, and a few that do not.
  const read = (client: TestDatabase["prisma"]) => queryRows<Record<string, unknown>>(client)`
    SELECT ${at}::timestamp(3) AS "ts", ${at}::timestamptz AS "tstz", 9007199254740993::bigint AS "big", count(*) AS "n",
      12.50::numeric AS "dec", '{"a":[1,2]}'::jsonb AS "doc", ARRAY['x','y'] AS "words", ARRAY[1,2]::int[] AS "ints",
      true AS "flag", NULL::text AS "nothing", ${"it's"} AS "text", ${5n}::bigint + 1 AS "sum"`;

  it("returns what $queryRaw returns, read straight from the pool", async () => {
    // Away from UTC, pg's own reading (and sending) of `timestamp` would shift it by the offset.
    const zone = process.env.TZ;
    process.env.TZ = "Asia/Kolkata";
    let fast: Record<string, unknown>[] = [];
    try {
      expect(await poolQueries(async () => (fast = await read(db.prisma)))).toBe(1);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const viaPrisma = await db.prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT ${at}::timestamp(3) AS "ts", ${at}::timestamptz AS "tstz", 9007199254740993::bigint AS "big", count(*) AS "n",
        12.50::numeric AS "dec", '{"a":[1,2]}'::jsonb AS "doc", ARRAY['x','y'] AS "words", ARRAY[1,2]::int[] AS "ints",
        true AS "flag", NULL::text AS "nothing", ${"it's"} AS "text", ${5n}::bigint + 1 AS "sum"`;
    expect(fast).toEqual(viaPrisma);
    const [row] = fast;
    expect(row!.ts).toEqual(at);
    expect(row!.big).toBe(9007199254740993n);
    expect(row!.n).toBe(1n);
    expect(row!.sum).toBe(6n);
    expect(Prisma.Decimal.isDecimal(row!.dec) && String(row!.dec)).toBe("12.5");
  });

  it("stays on a transaction's own connection", async () => {
    const project = await db.prisma.project.create({ data: { name: "uncommitted" } });
    await db.prisma.$transaction(async (tx) => {
      await tx.project.update({ where: { id: project.id }, data: { name: "renamed in tx" } });
      const [row] = await queryRows<{ name: string }>(tx as TestDatabase["prisma"])`SELECT "name" FROM "Project" WHERE "id" = ${project.id}`;
      expect(row!.name).toBe("renamed in tx");
    });
  });

  it("reads arrays of those types as $queryRaw does", async () => {
    const [fast] = await queryRows(
      db.prisma,
    )`SELECT ARRAY[${at}::timestamp, NULL] AS "times", ARRAY[1, 2]::bigint[] AS "bigs", ARRAY[1.5]::numeric[] AS "decs"`;
    const [viaPrisma] = await db.prisma.$queryRaw<
      unknown[]
    >`SELECT ARRAY[${at}::timestamp, NULL] AS "times", ARRAY[1, 2]::bigint[] AS "bigs", ARRAY[1.5]::numeric[] AS "decs"`;
    expect(fast).toEqual(viaPrisma);
    expect(fast).toMatchObject({ times: [at, null], bigs: [1n, 2n] });
  });
});
