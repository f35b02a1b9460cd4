import pg from "pg";

/**
 * Creates the database named in `databaseUrl` when it does not exist, connecting to the
 * server's `postgres` database to do so. Returns whether it was created.
 *
 * @example
 * await ensureDatabase("postgresql://root@127.0.0.1:5432/alchemist"); // true the first time
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!name) throw new Error(`DATABASE_URL names no database: "${url.origin}${url.pathname}"`);
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) {
    throw new Error(`database name "${name}" must be 1-63 letters, digits, "_" or "-"`);
  }
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      // Another process created it between our check and CREATE: that is the state we want.
      if ((error as { code?: string }).code !== "42P04") throw error;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Drops a database (tests). Connects to `postgres`; terminates other sessions first.
 *
 * @example
 * await dropDatabase("postgresql://root@127.0.0.1:5432/alchemist_test_ab12");
 */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name) || name === "postgres") {
    throw new Error(`refusing to drop database "${name}"`);
  }
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
