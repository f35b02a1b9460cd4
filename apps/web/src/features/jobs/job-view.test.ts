import { describe, expect, it } from "vitest";
import { etaSeconds, formatDuration, jobDurationSeconds, mergeJobViews, type JobView } from "./job-view";

const job = (over: Partial<JobView>): JobView => ({
  id: "j",
  queue: "apply-programs",
  status: "RUNNING",
  progress: 0,
  stage: null,
  error: null,
  result: null,
  runId: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: null,
  updatedAt: null,
  ...over,
});
const at = (seconds: number) => Date.parse("2026-01-01T00:00:00.000Z") + seconds * 1000;

describe("job views", () => {
  it("extrapolates the ETA from the progress rate and says nothing without enough progress", () => {
    expect(etaSeconds(job({ progress: 25 }), at(10))).toBe(30);
    expect(etaSeconds(job({ progress: 50 }), at(60))).toBe(60);
    expect(etaSeconds(job({ progress: 1 }), at(10))).toBeNull();
    expect(etaSeconds(job({ progress: 40 }), at(1))).toBeNull();
    expect(etaSeconds(job({ progress: 40, status: "QUEUED" }), at(100))).toBeNull();
    expect(etaSeconds(job({ progress: 100 }), at(100))).toBeNull();
  });

  it("formats durations and measures running and finished jobs", () => {
    expect(formatDuration(0.42)).toBe("0.4 s");
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(185)).toBe("3 min 5 s");
    expect(formatDuration(7800)).toBe("2 h 10 min");
    expect(jobDurationSeconds(job({ finishedAt: "2026-01-01T00:01:30.000Z" }), at(999))).toBe(90);
    expect(jobDurationSeconds(job({}), at(12))).toBe(12);
    expect(jobDurationSeconds(job({ startedAt: null }), at(12))).toBeNull();
  });

  it("merges pushed updates: replaced in place, new ones first, newest first", () => {
    const a = job({ id: "a", createdAt: "2026-01-01T00:00:01.000Z", progress: 10 });
    const b = job({ id: "b", createdAt: "2026-01-01T00:00:02.000Z" });
    const merged = mergeJobViews([b, a], [{ ...a, progress: 60 }, job({ id: "c", createdAt: "2026-01-01T00:00:03.000Z" })]);
    expect(merged.map((j) => [j.id, j.progress])).toEqual([
      ["c", 0],
      ["b", 0],
      ["a", 60],
    ]);
    expect(mergeJobViews(null, [a], 1)).toHaveLength(1);
  });
});
