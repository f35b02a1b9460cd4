/**
 * The column names of a data file, read from its first bytes in the browser (so the Label new
 * data form can offer a column mapping before uploading): the header row of a CSV/TSV (quoted
 * names and doubled quotes handled), or the keys of the first JSON line. [] when none can be read.
 *
 * @example
 * dataColumns('id,"the text"\n1,hi', "csv"); // ["id", "the text"]
 */
export function dataColumns(head: string, format: "csv" | "tsv" | "jsonl"): string[] {
  const text = head.replace(/^\uFEFF/, "");
  if (format === "jsonl") {
    const line = text.split(/\r?\n/).find((l) => l.trim() !== "");
    try {
      const value: unknown = JSON.parse(line ?? "");
      return value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
    } catch {
      return [];
    }
  }
  const delimiter = format === "tsv" ? "\t" : ",";
  const names: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      names.push(field.trim());
      field = "";
    } else if (c === "\n" || c === "\r") break;
    else field += c;
  }
  names.push(field.trim());
  return names.filter((n) => n !== "");
}
