import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { parse, CsvError } from "csv-parse";
import { DEFAULT_READING_LIMITS, type ReadingLimits } from "../../datasets/reading-limits";
import type { SourceRecord } from "../../datasets/map-records";
import { EngineError } from "../../errors/engine-error";
import { decodeText, type TextEncoding } from "./decode-text";

export interface ReadDelimitedOptions {
  /** Field delimiter; default `,`. Quoting is off for tab, where quotes are ordinary text. */
  readonly delimiter?: string;
  /** Column names for a file without a header row. */
  readonly columns?: readonly string[];
  /** Default `auto`: UTF-8 (validated), or UTF-16 when the file starts with its BOM. */
  readonly encoding?: TextEncoding;
  readonly limits?: Partial<ReadingLimits>;
}

function headerColumns(path: string, names: readonly string[], maxColumns: number): string[] {
  if (names.length > maxColumns) throw new EngineError("DATASET_PARSE", `${path} line 1: the header has ${names.length} columns; the limit is ${maxColumns}`, { file: path, line: 1 });
  const columns = names.map((name) => String(name).trim());
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    if (name === "") throw new EngineError("DATASET_PARSE", `${path} line 1: column ${i + 1} of the header is empty`, { file: path, line: 1 });
    if (seen.has(name)) throw new EngineError("DATASET_PARSE", `${path} line 1: column "${name}" appears twice in the header`, { file: path, line: 1 });
    seen.add(name);
  });
  return columns;
}

async function openFile(path: string) {
  try {
    return await open(path, "r");
  } catch (error) {
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
}

/**
 * Streams the records of a delimited text file (CSV, TSV, ...). The first row is the header
 * unless `columns` is given; a UTF-8 BOM is stripped; every row must have as many fields as
 * there are columns. Errors are DATASET_PARSE naming the file and line. The bytes pass through
 * `decodeText` (binary files and invalid UTF-8 are refused with a byte offset) and a field past
 * `limits.maxFieldChars` fails instead of growing without bound.
 *
 * @example
 * for await (const { line, values } of readDelimited("sms.tsv", { delimiter: "\t", columns: ["label", "text"] })) {
 *   console.log(line, values.text);
 * }
 */
export async function* readDelimited(path: string, options: ReadDelimitedOptions = {}): AsyncGenerator<SourceRecord> {
  const delimiter = options.delimiter ?? ",";
  if (delimiter.length === 0) throw new EngineError("INVALID_ARGUMENT", `${path}: the delimiter must not be empty`);
  const { maxFieldChars, maxColumns } = { ...DEFAULT_READING_LIMITS, ...options.limits };
  const given = options.columns === undefined ? undefined : headerColumns(`${path} (--columns)`, options.columns, maxColumns);
  if (given !== undefined && given.length === 0) throw new EngineError("INVALID_ARGUMENT", `${path}: columns must name at least 1 column`);
  const handle = await openFile(path);
  const input = Readable.from(decodeText(handle.createReadStream(), { source: path, encoding: options.encoding ?? "auto" }));
  let sawHeader = false;
  const parser = parse({
    delimiter,
    bom: true,
    max_record_size: maxFieldChars,
    quote: delimiter === "\t" ? false : '"',
    relax_column_count: false,
    skip_empty_lines: true,
    info: true,
    columns: given ?? ((header: string[]) => ((sawHeader = true), headerColumns(path, header, maxColumns))),
  });
  input.on("error", (error) => parser.destroy(error instanceof EngineError ? error : new EngineError("DATASET_READ", `cannot read ${path}: ${error.message}`, { file: path })));
  input.pipe(parser);
  let records = 0;
  let lastLine = given === undefined ? 1 : 0;
  let lastEmpty = 0;
  try {
    for await (const chunk of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; empty_lines: number } }>) {
      const line = lastLine + 1 + (chunk.info.empty_lines - lastEmpty);
      lastLine = chunk.info.lines;
      lastEmpty = chunk.info.empty_lines;
      records++;
      yield { line, values: chunk.record };
    }
  } catch (error) {
    if (error instanceof EngineError) throw error;
    const line = error instanceof CsvError && typeof error.lines === "number" ? error.lines : undefined;
    const code = error instanceof CsvError ? error.code : undefined;
    const message =
      code === "CSV_MAX_RECORD_SIZE"
        ? `a field is longer than the limit of ${maxFieldChars} characters (a binary file, a runaway quote, or raise the field size limit)`
        : code === "CSV_QUOTE_NOT_CLOSED"
          ? `the file ends inside a quoted field: a quote opened on an earlier line is never closed (${(error as Error).message})`
          : (error as Error).message.replace(/^Invalid Record Length: /, "");
    throw new EngineError("DATASET_PARSE", `${path}${line === undefined ? "" : ` line ${line}`}: ${message}`, { file: path, line });
  } finally {
    input.destroy();
    await handle.close().catch(() => undefined);
  }
  if (records === 0 && !sawHeader) throw new EngineError("DATASET_PARSE", `${path} is empty`, { file: path });
}
