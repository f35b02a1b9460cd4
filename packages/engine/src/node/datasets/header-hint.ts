import type { FieldMapping } from "../../datasets/map-records";
import type { ReadingLimits } from "../../datasets/reading-limits";
import type { TextEncoding } from "../../datasets/text-encoding";
import { sniffFileFormat } from "./sniff-file-format";
import { sniffHeaderRow } from "./sniff-header-row";

/**
 * The hint for a mapped field missing from the header: when the first row looks like data, say
 * why and suggest column names (the longest values get the input's name, the other one of two
 * columns the label's), else the general advice.
 *
 * @example
 * throw new EngineError("FIELD_NOT_FOUND", error.message + (await headerHint("sms.tsv", { delimiter: "\t" }, { input: "text", label: "label" })));
 */
export async function headerHint(
  path: string,
  options: { delimiter?: string; encoding?: TextEncoding; limits?: Partial<ReadingLimits> },
  mapping: FieldMapping,
): Promise<string> {
  const how = await sniffFileFormat(path, "delimited", options.delimiter).catch(() => ({ format: "delimited" as const, delimiter: "," }));
  const delimiter = how.format === "delimited" ? how.delimiter : ",";
  const sniff = await sniffHeaderRow(path, {
    delimiter,
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  if (sniff?.dataReason === undefined)
    return "; the first row was read as the header: if the file has no header row, read it with --no-header and name its columns with --columns (e.g. --columns label,text)";
  const names = sniff.first.map((_, i) => `column_${i + 1}`);
  const input = typeof mapping.input === "string" ? mapping.input : undefined;
  if (input !== undefined) {
    const longest = sniff.first.reduce((best, cell, i) => (cell.length > sniff.first[best]!.length ? i : best), 0);
    names[longest] = input;
    if (mapping.label !== undefined && names.length === 2) names[1 - longest] = mapping.label;
  }
  return `; the first row looks like data, not a header (${sniff.dataReason}): read the file with --no-header --columns ${names.join(",")}`;
}
