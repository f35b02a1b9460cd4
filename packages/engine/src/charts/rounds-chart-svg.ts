import type { RoundReport } from "../improve/improve-rounds";
import { lineChartSvg } from "./line-chart-svg";

/**
 * The per-round chart: the label model's dev F1, dev accuracy and coverage after each round (rounds
 * that were not kept drawn dashed at what they scored), so a user sees where the loop stopped
 * improving. Dev accuracy is drawn because binary F1 scores one class: covering the other shows there.
 *
 * @example
 * roundsChartSvg(report.rounds); // "<svg ...>"
 */
export function roundsChartSvg(
  rounds: readonly (Pick<RoundReport, "round" | "kept" | "devF1" | "coverage"> & { readonly devAccuracy?: number | null })[],
): string {
  const kept = rounds.filter((r) => r.kept);
  const pairs = (pick: (r: (typeof rounds)[number]) => number | null, list: typeof rounds): (readonly [number, number])[] =>
    list.flatMap((r) => (pick(r) === null ? [] : [[r.round, pick(r)!] as const]));
  const lastKept = kept.at(-1);
  const rejected = rounds.filter((r) => !r.kept && r.devF1 !== null);
  return lineChartSvg({
    title: "Rounds: dev F1 and coverage",
    x: { label: "round", integer: true },
    y: { label: "share", min: 0, max: 1 },
    series: [
      { name: "dev F1 (kept rounds)", points: pairs((r) => r.devF1, kept) },
      { name: "coverage (kept rounds)", points: pairs((r) => r.coverage, kept) },
      ...(kept.some((r) => r.devAccuracy != null) ? [{ name: "dev accuracy (kept rounds)", points: pairs((r) => r.devAccuracy ?? null, kept) }] : []),
      ...(rejected.length && lastKept
        ? [{ name: "dev F1 of a round not kept", points: [...pairs((r) => r.devF1, [lastKept]), ...pairs((r) => r.devF1, rejected)], dashed: true }]
        : []),
    ],
  });
}
