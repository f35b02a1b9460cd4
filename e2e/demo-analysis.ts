import pg from "pg";

/** The seeded demo project as the database holds it, for assertions that never hard-code figures. */
export interface DemoAnalysis {
  readonly projectId: string;
  readonly projectName: string;
  readonly summary: { coverage: number; overlap: number; conflict: number };
  readonly programs: { name: string; coverage: number }[];
}

/**
 * Reads the demo project and its latest successful run's analysis straight from Postgres.
 *
 * @example
 * const demo = await readDemoAnalysis(process.env.E2E_DATABASE_URL!);
 */
export async function readDemoAnalysis(databaseUrl: string, projectName = "SMS spam (demo)"): Promise<DemoAnalysis> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ id: string; name: string; analysis: DemoAnalysis | null }>(
      `SELECT p.id, p.name, r.analysis FROM "Project" p
       JOIN "Run" r ON r."projectId" = p.id AND r.status = 'SUCCEEDED'
       WHERE p.name = $1 ORDER BY r."createdAt" DESC LIMIT 1`,
      [projectName],
    );
    const row = result.rows[0];
    if (!row?.analysis) throw new Error(`no succeeded run with an analysis for project "${projectName}" in ${databaseUrl}`);
    return { projectId: row.id, projectName: row.name, summary: row.analysis.summary, programs: row.analysis.programs };
  } finally {
    await client.end();
  }
}

/** Same rounding as the studio's formatPercent (one decimal), kept independent on purpose. */
export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
