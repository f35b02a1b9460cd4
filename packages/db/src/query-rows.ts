import pg from "pg";
import { Prisma, type PrismaClient as Db } from "./generated/prisma/client";

// The pg pool under each root client that createPrismaClient made. Transaction clients (`tx`) are
// other objects, so their queries keep going through Prisma, on the transaction's connection.
const pools = new WeakMap<object, { pool: pg.Pool; name: (query: { sql: string; args: readonly unknown[] }) => string | undefined }>();

/** Lets {@link queryRows} run `db`'s raw queries on `pool` (createPrismaClient calls it). */
export function registerPool(db: Db, pool: pg.Pool, name: (query: { sql: string; args: readonly unknown[] }) => string | undefined): void {
  pools.set(db, { pool, name });
}

// The values $queryRaw gives for the types whose pg defaults differ from it: `timestamp` columns
// hold UTC (pg would read them as local time), int8 is a BigInt, numeric a Decimal; and arrays of them.
const utcDate = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const decimal = (text: string) => new Prisma.Decimal(text);
const arrayOf = (parse: (text: string) => unknown) => (text: string) =>
  (pg.types as unknown as { arrayParser: { create(source: string, transform: (entry: string) => unknown): { parse(): unknown[] } } }).arrayParser
    .create(text, parse)
    .parse();
const PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  1114: utcDate,
  1115: arrayOf(utcDate),
  20: BigInt,
  1016: arrayOf(BigInt),
  1700: decimal,
  1231: arrayOf(decimal),
};
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

// Arguments as $queryRaw sends them: dates as UTC ISO strings (pg would send local time, which a
// `timestamp` column would keep), BigInt and Decimal as text.
const toArgument = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : typeof value === "bigint" || Prisma.Decimal.isDecimal(value) ? String(value) : value;

const texts = new WeakMap<TemplateStringsArray, string>();

/**
 * The rows of a read-only SQL template, as `db.$queryRaw` returns them, but run straight on the
 * client's pg pool (as a named prepared statement) when `db` is a client from createPrismaClient:
 * Prisma's raw-query path costs about 0.1 ms of CPU a call, and the few queries every page runs
 * (session, membership, data stamps) pay it on every request. In a transaction, or with a nested
 * `Prisma.sql` fragment, the query goes through `$queryRaw`.
 *
 * @example
 * const [row] = await queryRows<{ id: string }>(prisma)`SELECT "id" FROM "Project" WHERE "id" = ${projectId}`;
 */
export function queryRows<T>(db: Db) {
  return async (strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> => {
    const fast = pools.get(db);
    if (!fast || values.some((value) => value instanceof Prisma.Sql)) return db.$queryRaw<T[]>(strings, ...values);
    let text = texts.get(strings);
    if (text === undefined) {
      text = strings.reduce((sql, part, i) => `${sql}$${i}${part}`);
      texts.set(strings, text);
    }
    const args = values.map(toArgument);
    const result = await fast.pool.query<T & pg.QueryResultRow>({ name: fast.name({ sql: text, args }), text, values: args, types });
    return result.rows;
  };
}
