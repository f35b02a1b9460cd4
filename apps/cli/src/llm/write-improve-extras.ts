import { join } from "node:path";
import { roundsChartSvg } from "@alchemist/engine";
import { writeTextAtomic } from "../write-text-atomic";
import type { ImproveReportParts } from "./improve-for-run";
import { formatImproveReport } from "./improve-report";

/**
 * After the run folder is in place: `rounds.svg` (dev F1 and coverage per round) when rounds ran,
 * `likely-errors.csv` when the audit ran, and the human lines for both.
 *
 * @example
 * await writeImproveExtras("out", improved?.parts, audit?.csv);
 */
export async function writeImproveExtras(
  out: string,
  parts: ImproveReportParts | undefined,
  auditCsv: string | undefined,
  audit?: { issues: number; audited: number },
): Promise<void> {
  const wrote: string[] = [];
  if (parts?.rounds) {
    await writeTextAtomic(join(out, "rounds.svg"), `${roundsChartSvg(parts.rounds)}\n`);
    wrote.push("rounds.svg");
  }
  if (auditCsv !== undefined) {
    await writeTextAtomic(join(out, "likely-errors.csv"), auditCsv);
    wrote.push("likely-errors.csv");
  }
  let text = parts ? formatImproveReport(parts) : "";
  if (audit)
    text += `label-error audit: ${audit.issues} likely mislabeled rows of ${audit.audited} audited (dev gold and train pseudolabels), ranked in likely-errors.csv\n`;
  if (wrote.length) text += `wrote ${out}/${wrote.join(`, ${out}/`)}\n`;
  process.stdout.write(text);
}
