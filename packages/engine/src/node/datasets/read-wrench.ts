import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { createLabelMatrix } from "../../core/label-matrix";
import type { DataRow, Dataset, Split } from "../../core/dataset";
import { EngineError } from "../../errors/engine-error";
import { readWrenchClassNames } from "./read-wrench-class-names";

const FILES: readonly { file: string; split: Split; required: boolean }[] = [
  { file: "train.json", split: "train", required: true },
  { file: "valid.json", split: "dev", required: false },
  { file: "test.json", split: "test", required: false },
];

interface WrenchEntry {
  label?: unknown;
  weak_labels?: unknown;
  data?: unknown;
}

async function readJsonFile(path: string, required: boolean): Promise<Record<string, WrenchEntry> | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EngineError("DATASET_PARSE", `${path}: not valid JSON: ${(error as Error).message}`, { file: path });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new EngineError("DATASET_PARSE", `${path}: expected an object of {"<id>": {label, weak_labels, data}}`, { file: path });
  }
  return value as Record<string, WrenchEntry>;
}

/**
 * Reads a WRENCH dataset folder: `train.json` (train), `valid.json` (dev), `test.json` (test),
 * each `{"<id>": {"label", "weak_labels", "data": {"text", ...}}}`, plus `label.json` (class
 * index -> name). Row ids are `<split>-<id>`; `weak_labels` become `importedVotes` (`lf_0`...).
 *
 * @example
 * const ds = await readWrench("datasets/youtube");
 * ds.rows[0].fields.text; ds.importedVotes?.L.m; // 10 LFs for WRENCH YouTube
 */
export async function readWrench(dir: string): Promise<Dataset> {
  const classNames = await readWrenchClassNames(join(dir, "label.json"));
  const k = classNames.length;
  const rows: DataRow[] = [];
  const votes: (readonly number[])[] = [];
  let m: number | undefined;
  for (const { file, split, required } of FILES) {
    const path = join(dir, file);
    const entries = await readJsonFile(path, required);
    if (entries === undefined) continue;
    for (const [id, entry] of Object.entries(entries)) {
      const at = `${path} id "${id}"`;
      if (entry === null || typeof entry !== "object" || entry.data === null || typeof entry.data !== "object" || Array.isArray(entry.data)) {
        throw new EngineError("DATASET_PARSE", `${at}: expected {"label", "weak_labels", "data": {...}}`, { file: path, id });
      }
      const label = entry.label;
      if (label !== undefined && label !== null && label !== -1 && !(Number.isInteger(label) && (label as number) >= 0 && (label as number) < k)) {
        throw new EngineError("DATASET_PARSE", `${at}: label ${JSON.stringify(label)} is not a class index 0..${k - 1}`, { file: path, id });
      }
      const weak = entry.weak_labels ?? [];
      if (!Array.isArray(weak) || weak.some((v) => !Number.isInteger(v) || v < -1 || v >= k)) {
        throw new EngineError("DATASET_PARSE", `${at}: weak_labels must be a list of votes in -1..${k - 1}`, { file: path, id });
      }
      if (m === undefined) m = weak.length;
      if (weak.length !== m) {
        throw new EngineError("DATASET_PARSE", `${at}: ${weak.length} weak_labels, expected ${m} like the rows before`, { file: path, id });
      }
      const gold = typeof label === "number" && label >= 0 ? label : undefined;
      const fields = entry.data as Record<string, unknown>;
      rows.push(gold === undefined ? { id: `${split}-${id}`, fields, split } : { id: `${split}-${id}`, fields, split, gold });
      votes.push(weak as number[]);
    }
  }
  const name = basename(resolve(dir));
  if (!m) return { name, rows, classNames };
  const L = createLabelMatrix(rows.length, m, k);
  votes.forEach((row, i) => row.forEach((vote, j) => (L.values[i * m! + j] = vote)));
  const names = Array.from({ length: m }, (_, j) => `lf_${j}`);
  return { name, rows, classNames, importedVotes: { names, L } };
}
