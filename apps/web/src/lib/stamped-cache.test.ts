import { createRun, readRunDataStamp, setRunAnalysis, setRunStatus } from "@alchemist/db";
import { createTestDatabase, seedDemo, type TestDatabase } from "@alchemist/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStampedCache } from "./stamped-cache";

describe("createStampedCache", () => {
  it("loads once per key and stamp, again when the stamp changes, and shares one load between concurrent callers", async () => {
    const cache = createStampedCache<string>(10);
    let loads = 0;
    const load = (value: string) => () => Promise.resolve(`${value}#${++loads}`);
    const [a, b] = await Promise.all([cache.get("p1", "s1", load("x")), cache.get("p1", "s1", load("y"))]);
    expect([a, b, loads]).toEqual(["x#1", "x#1", 1]);
    expect(await cache.get("p1", "s1", load("z"))).toBe("x#1");
    expect(await cache.get("p1", "s2", load("z"))).toBe("z#2");
    // Another key never answers with this one's value.
    expect(await cache.get("p2", "s2", load("w"))).toBe("w#3");
  });

  it("keeps no failed load and drops the least recently used key past its size", async () => {
    const cache = createStampedCache<number>(2);
    await expect(cache.get("a", "1", () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(await cache.get("a", "1", () => Promise.resolve(1))).toBe(1);
    await cache.get("b", "1", () => Promise.resolve(2));
    await cache.get("a", "1", () => Promise.resolve(-1)); // a is now the most recent
    await cache.get("c", "1", () => Promise.resolve(3)); // b goes
    expect(await cache.get("a", "1", () => Promise.resolve(-1))).toBe(1);
    expect(await cache.get("b", "1", () => Promise.resolve(22))).toBe(22);
    expect(() => createStampedCache(0)).toThrow("positive whole number of entries, got 0");
  });
});

// The way the project and analysis pages use it, on a real database: data read under
// readRunDataStamp, and writes made elsewhere (straight through Prisma, as the worker or another
// web process would, with no invalidation call) seen on the next read.
describe("createStampedCache with readRunDataStamp", () => {
  let db: TestDatabase;
  let demo: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    demo = await seedDemo(db.prisma);
  });
  afterAll(() => db?.drop());

  const cache = createStampedCache<{ id: string; coverage: number } | null>(10);
  let loads = 0;
  const latestCoverage = async (projectId: string) => {
    const { stamp } = await readRunDataStamp(db.prisma, projectId);
    return cache.get(projectId, stamp, async () => {
      loads++;
      const run = await db.prisma.run.findFirst({
        where: { projectId, status: "SUCCEEDED" },
        orderBy: { createdAt: "desc" },
        select: { id: true, analysis: true },
      });
      return run ? { id: run.id, coverage: (run.analysis as { summary: { coverage: number } }).summary.coverage } : null;
    });
  };

  it("serves the cached value until the project's runs change, then the new data", async () => {
    const first = await latestCoverage(demo.projectId);
    expect(first?.id).toBe(demo.runId);
    expect(await latestCoverage(demo.projectId)).toBe(first);
    expect(loads).toBe(1);

    const analysis = (await db.prisma.run.findUniqueOrThrow({ where: { id: demo.runId } })).analysis as { summary: { coverage: number } };
    await setRunAnalysis(db.prisma, demo.runId, { ...analysis, summary: { ...analysis.summary, coverage: 0.123 } } as never);
    expect(await latestCoverage(demo.projectId)).toEqual({ id: demo.runId, coverage: 0.123 });

    const run = await createRun(db.prisma, { projectId: demo.projectId, datasetId: demo.datasetId });
    await setRunAnalysis(db.prisma, run.id, { ...analysis, summary: { ...analysis.summary, coverage: 0.5 } } as never);
    await setRunStatus(db.prisma, run.id, "SUCCEEDED");
    expect(await latestCoverage(demo.projectId)).toEqual({ id: run.id, coverage: 0.5 });
    expect(loads).toBe(3);
  });
});
