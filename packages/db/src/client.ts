import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { readDbEnv } from "./env";
import { registerPool } from "./query-rows";

export { PrismaClient };
/** The Prisma client type repositories take as their first argument. */
export type Db = PrismaClient;

/**
 * A Prisma client over `pg` (driver adapter, no native engine).
 *
 * @example
 * const prisma = createPrismaClient("postgresql://root@127.0.0.1:5432/alchemist");
 * await prisma.project.count();
 * await prisma.$disconnect();
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`createPrismaClient needs a postgresql:// URL, got "${databaseUrl.slice(0, 40)}"`);
  }
  // One pool for Prisma and for queryRows' direct reads; $disconnect ends it.
  const pool = new pg.Pool({ connectionString: databaseUrl });
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, {
      disposeExternalPool: true,
      // The adapter's type wants a name for every query; undefined leaves one unnamed (pg's default).
      statementNameGenerator: statementName as (query: { sql: string; args: unknown[] }) => string,
    }),
  });
  registerPool(client, pool, statementName);
  return client;
}

// Queries with parameters run as named prepared statements, so Postgres parses and plans each
// query shape once per connection instead of on every call (the same few shapes serve every page:
// a third less Postgres CPU per request in bench:load). Parameterless ones stay unnamed (they may
// hold several statements); so do long IN lists, and shapes past the cap, so the statements each
// connection keeps stay bounded.
const MAX_NAMED_PARAMETERS = 32;
const MAX_NAMED_STATEMENTS = 2000;
const statementNames = new Map<string, string>();
function statementName(query: { sql: string; args: readonly unknown[] }): string | undefined {
  if (query.args.length === 0 || query.args.length > MAX_NAMED_PARAMETERS) return undefined;
  let name = statementNames.get(query.sql);
  if (name === undefined) {
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return undefined;
    name = `a_${createHash("sha256").update(query.sql).digest("base64url").slice(0, 24)}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

const holder = globalThis as { __alchemistPrisma?: PrismaClient };

/**
 * The process-wide client for `DATABASE_URL`, created on first use (kept on globalThis so
 * Next.js hot reloads do not open a new pool each time).
 *
 * @example
 * const projects = await listProjects(getPrisma());
 */
export function getPrisma(): PrismaClient {
  holder.__alchemistPrisma ??= createPrismaClient(readDbEnv().DATABASE_URL);
  return holder.__alchemistPrisma;
}
