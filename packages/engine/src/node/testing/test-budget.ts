/**
 * A test's time budget: what its work needs on an idle machine, times how much slower this machine
 * ran a calibration loop when vitest started (`vitest.config.ts` puts the factor in
 * `ALCHEMIST_TEST_SLOWDOWN`). A busy 2-core CI box, or `npm run test:stress`, gets proportionally
 * more time; a quiet machine still fails a hung test early. Outside vitest the factor is 1.
 *
 * @example
 * await job.waitUntilFinished(events, testBudget(60_000));
 * it("trains", async () => { ... }, testBudget(120_000));
 */
export function testBudget(idleMs: number): number {
  if (!Number.isFinite(idleMs) || idleMs <= 0) throw new Error(`testBudget: idleMs must be a positive number of milliseconds, got ${idleMs}`);
  const factor = Number(process.env.ALCHEMIST_TEST_SLOWDOWN ?? "1");
  return Math.round(idleMs * (Number.isFinite(factor) && factor >= 1 ? factor : 1));
}
