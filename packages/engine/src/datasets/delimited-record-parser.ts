import { EngineError } from "../errors/engine-error";
import type { SourceRecord } from "./map-records";
import type { RecordParser } from "./record-parser";
import type { ReadingLimits } from "./reading-limits";
import { TextWindow } from "./text-window";

export interface DelimitedParserOptions {
  /** Field delimiter (one or more characters). Quoting is off for tab, where quotes are ordinary text. */
  readonly delimiter: string;
  /** Column names for a file without a header row (or, with `header: true`, names that replace the header's). */
  readonly columns?: readonly string[];
  /**
   * Whether the first row is a header. Default: true unless `columns` is given. `false` without
   * `columns` names the columns `column_1`, `column_2`, ... from the first row's field count.
   */
  readonly header?: boolean;
  readonly limits: ReadingLimits;
}

const QUOTE = 0x22;
const CR = 0x0d;

function headerColumns(label: string, names: readonly string[], line: number, maxColumns: number): string[] {
  if (names.length > maxColumns)
    throw new EngineError("DATASET_PARSE", `${label} line ${line}: the header has ${names.length} columns; the limit is ${maxColumns}`, { file: label, line });
  const columns = names.map((name) => String(name).trim());
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    if (name === "") throw new EngineError("DATASET_PARSE", `${label} line ${line}: column ${i + 1} of the header is empty`, { file: label, line });
    if (seen.has(name)) throw new EngineError("DATASET_PARSE", `${label} line ${line}: column "${name}" appears twice in the header`, { file: label, line });
    seen.add(name);
  });
  return columns;
}

const snippet = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);

/**
 * Parses delimited text (CSV, TSV, ...) the way RFC 4180 and csv-parse's strict defaults do:
 * the first row is the header unless `columns` is given or `header` is false; a field that starts with `"` is quoted
 * and may hold delimiters, newlines and doubled quotes; a quote anywhere else is an error; every
 * row must have one field per column; empty lines are skipped; `\n`, `\r\n` and old Mac `\r`
 * line ends are read. Lines without a quote take a fast path (one `split`). A record longer than
 * `maxFieldChars` fails as soon as that many characters are buffered. Errors are DATASET_PARSE
 * naming `source` and the line.
 *
 * @example
 * const parser = new DelimitedRecordParser("data.csv", { delimiter: ",", limits: DEFAULT_READING_LIMITS });
 * parser.feed('id,text\n1,"hello, world"\n');
 * const out: SourceRecord[] = [];
 * parser.take(out, 100, true); // out: [{ line: 2, values: { id: "1", text: "hello, world" } }]
 */
export class DelimitedRecordParser extends TextWindow implements RecordParser {
  records = 0;
  /** True once a header row was read from the text (a file with only a header has no records). */
  sawHeader = false;
  private columns: string[] | undefined;
  private safeKeys = true;
  /** Lines before `pos`. */
  private line = 0;
  /** The next `"` at or after `pos` (text.length when none): found once per block, not per line. */
  private quoteAt = 0;
  /** "\r" for files whose lines end in a lone CR; undefined until the first line end is seen. */
  private newline: "\n" | "\r" | undefined;
  private readonly quoting: boolean;
  /** The first row is a header still to be read (and skipped, when `columns` replace its names). */
  private headerPending: boolean;

  constructor(
    private readonly source: string,
    private readonly options: DelimitedParserOptions,
  ) {
    super();
    const { delimiter, columns, limits } = options;
    if (delimiter === "" || /[\r\n"]/.test(delimiter)) {
      throw new EngineError("INVALID_ARGUMENT", `${source}: the delimiter ${JSON.stringify(delimiter)} must be non-empty and hold no quote or line break`);
    }
    this.quoting = delimiter !== "\t";
    this.headerPending = options.header ?? columns === undefined;
    if (columns !== undefined) {
      if (columns.length === 0) throw new EngineError("INVALID_ARGUMENT", `${source}: columns must name at least 1 column`);
      this.useColumns(headerColumns(`${source} (--columns)`, columns, 1, limits.maxColumns));
    }
  }

  override feed(text: string): void {
    super.feed(text);
    this.quoteAt = -1;
    if (this.newline === undefined) {
      const cr = this.text.indexOf("\r");
      const lf = this.text.indexOf("\n");
      if (cr !== -1 && (lf === -1 || cr < lf) && cr + 1 < this.text.length) this.newline = this.text.charCodeAt(cr + 1) === 0x0a ? "\n" : "\r";
      else if (lf !== -1) this.newline = "\n";
    }
  }

  take(out: SourceRecord[], max: number, final: boolean): boolean {
    const newline = this.newline ?? "\n";
    const { maxFieldChars } = this.options.limits;
    while (out.length < max) {
      if (this.settle()) this.quoteAt = -1;
      const { text } = this;
      const start = this.pos;
      let end = text.indexOf(newline, start);
      if (end === -1) {
        if (!final || start >= text.length) {
          if (text.length - start > maxFieldChars) throw this.tooLong(this.line + 1);
          break;
        }
        end = text.length;
      }
      if (this.quoting && this.nextQuote(start) < end) {
        if (!this.takeQuoted(out, final)) break;
        continue;
      }
      this.line++;
      this.pos = end + 1;
      const stop = newline === "\n" && end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
      if (stop - start > maxFieldChars) throw this.tooLong(this.line);
      if (stop === start) continue;
      this.emit(text.slice(start, stop).split(this.options.delimiter), this.line, out);
    }
    return out.length >= max;
  }

  private nextQuote(from: number): number {
    if (this.quoteAt < from) {
      const at = this.text.indexOf('"', from);
      this.quoteAt = at === -1 ? this.text.length : at;
    }
    return this.quoteAt;
  }

  /** Parses one record that has a quote; false when the text ends before the record does. */
  private takeQuoted(out: SourceRecord[], final: boolean): boolean {
    const { text, source } = this;
    const { delimiter } = this.options;
    const newline = this.newline ?? "\n";
    const start = this.pos;
    const line = this.line + 1;
    const fields: string[] = [];
    let i = start;
    let stop = -1;
    while (stop === -1) {
      if (i < text.length && text.charCodeAt(i) === QUOTE) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1 || (q + 1 >= text.length && !final)) {
            if (q === -1 && final) throw this.unclosed(start, line);
            return this.incomplete(start, line);
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        fields.push(value);
        if (i >= text.length) {
          if (!final) return this.incomplete(start, line);
          stop = i;
        } else if (text.startsWith(delimiter, i)) i += delimiter.length;
        else if (text.startsWith(newline, i)) stop = i;
        else if (newline === "\n" && text.charCodeAt(i) === CR && i + 1 >= text.length && !final) return this.incomplete(start, line);
        else if (newline === "\n" && text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === 0x0a) stop = i + 1;
        else {
          throw new EngineError(
            "DATASET_PARSE",
            `${source} line ${this.lineAt(start, i)}: Invalid Closing Quote: field ${fields.length} goes on after its closing quote (${snippet(text.slice(i - 1, i + 20))}); inside a quoted field write a quote as ""`,
            { file: source, line: this.lineAt(start, i) },
          );
        }
      } else {
        // Scanned by hand, not with indexOf: the next delimiter or quote may be many lines away.
        const nl = newline.charCodeAt(0);
        const d0 = delimiter.charCodeAt(0);
        let j = i;
        let c = -1;
        for (; j < text.length; j++) {
          c = text.charCodeAt(j);
          if (c === nl || c === QUOTE || (c === d0 && text.startsWith(delimiter, j))) break;
        }
        if (j >= text.length && !final) return this.incomplete(start, line);
        if (j < text.length && c === QUOTE) {
          throw new EngineError(
            "DATASET_PARSE",
            `${source} line ${this.lineAt(start, j)}: Invalid Opening Quote: unquoted field ${fields.length + 1} has a quote in it (${snippet(text.slice(i, j + 20))}); quote the whole field and double the quotes inside it`,
            { file: source, line: this.lineAt(start, j) },
          );
        }
        if (j < text.length && c === d0) {
          fields.push(text.slice(i, j));
          i = j + delimiter.length;
        } else {
          fields.push(text.slice(i, newline === "\n" && j > i && text.charCodeAt(j - 1) === CR ? j - 1 : j));
          stop = j;
        }
      }
      if (i - start > this.options.limits.maxFieldChars) throw this.tooLong(line);
    }
    if (stop - start > this.options.limits.maxFieldChars) throw this.tooLong(line);
    this.line = this.lineAt(start, stop);
    this.pos = stop + 1;
    this.emit(fields, line, out);
    return true;
  }

  /** The line number of `text[at]`, for a record starting at `start` on the line after `this.line`. */
  private lineAt(start: number, at: number): number {
    const newline = this.newline ?? "\n";
    let line = this.line + 1;
    for (let i = this.text.indexOf(newline, start); i !== -1 && i < at; i = this.text.indexOf(newline, i + 1)) line++;
    return line;
  }

  private incomplete(start: number, line: number): false {
    if (this.text.length - start > this.options.limits.maxFieldChars) throw this.tooLong(line);
    return false;
  }

  private unclosed(start: number, line: number): EngineError {
    const { source, text } = this;
    const last = this.lineAt(start, text.length) - (text.endsWith(this.newline ?? "\n") ? 1 : 0);
    return new EngineError(
      "DATASET_PARSE",
      `${source} line ${last}: the file ends inside a quoted field: the quote opened on line ${line} is never closed; close it, or write quotes inside a quoted field as ""`,
      { file: source, line: last, opened: line },
    );
  }

  private useColumns(columns: string[]): void {
    this.columns = columns;
    // A "__proto__" column assigned as `values[name] = ...` would set the prototype instead.
    this.safeKeys = !columns.includes("__proto__");
  }

  private emit(fields: string[], line: number, out: SourceRecord[]): void {
    const { source } = this;
    if (this.headerPending) {
      this.headerPending = false;
      this.sawHeader = true;
      if (this.columns === undefined) {
        this.useColumns(headerColumns(source, fields, line, this.options.limits.maxColumns));
        return;
      }
      if (fields.length !== this.columns.length) {
        throw new EngineError("DATASET_PARSE", `${source} line ${line}: the header has ${fields.length} columns but --columns names ${this.columns.length}`, {
          file: source,
          line,
        });
      }
      return;
    }
    if (this.columns === undefined) {
      const names = fields.map((_, i) => `column_${i + 1}`);
      this.useColumns(headerColumns(source, names, line, this.options.limits.maxColumns));
    }
    const columns = this.columns!;
    if (fields.length !== columns.length) {
      const named =
        this.sawHeader && this.options.columns === undefined ? "the header has" : this.options.columns === undefined ? "the first row has" : "--columns names";
      throw new EngineError(
        "DATASET_PARSE",
        `${source} line ${line}: ${named} ${columns.length} columns but the row has ${fields.length} fields; quote fields that contain the delimiter`,
        {
          file: source,
          line,
        },
      );
    }
    const values: Record<string, string> = {};
    if (this.safeKeys) for (let i = 0; i < columns.length; i++) values[columns[i]!] = fields[i]!;
    else
      for (let i = 0; i < columns.length; i++)
        Object.defineProperty(values, columns[i]!, { value: fields[i], enumerable: true, writable: true, configurable: true });
    this.records++;
    out.push({ line, values });
  }

  private tooLong(line: number): EngineError {
    const { source } = this;
    const max = this.options.limits.maxFieldChars;
    return new EngineError(
      "DATASET_PARSE",
      `${source} line ${line}: a field is longer than the limit of ${max} characters (a binary file, a runaway quote, or raise the field size limit)`,
      { file: source, line },
    );
  }
}
