import type { LabelRow } from "./pipeline-types";

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * `labels.csv`: header `id,label,p_<class>...` then one CRLF-terminated line per row (RFC 4180).
 *
 * @example
 * labelsCsv([{ id: "1", label: "spam", probabilities: [0.1, 0.9] }], ["ham", "spam"]);
 * // "id,label,p_ham,p_spam\r\n1,spam,0.1,0.9\r\n"
 */
export function labelsCsv(labels: readonly LabelRow[], classNames: readonly string[]): string {
  const lines = [["id", "label", ...classNames.map((c) => `p_${c}`)].map(csvField).join(",")];
  for (const row of labels) {
    lines.push([csvField(row.id), csvField(row.label), ...row.probabilities.map((p) => String(Number(p.toPrecision(6))))].join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
