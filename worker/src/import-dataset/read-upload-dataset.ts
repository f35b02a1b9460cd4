import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { goldSetMask, type Dataset } from "@alchemist/engine";
import { extractWrenchZip, loadDataset } from "@alchemist/engine/node";
import type { DatasetUploadFormat, ImportDatasetPayload, UploadEncoding } from "@alchemist/jobs";
import type { ImportLimits } from "./import-limits";

/**
 * Reads an uploaded dataset file with the engine's bounded readers: a text file with the
 * user's mapping and encoding (a multi-label task's gold lists parsed by the engine, stored as
 * class-set bitmasks), or a zipped WRENCH folder extracted (with the zip limits) to a
 * private temp folder that is removed afterwards. Errors name `fileName`, never a server path.
 *
 * @example
 * const dataset = await readUploadDataset(path, { format: "zip", fileName: "youtube.zip", ... }, readImportLimits());
 */
export async function readUploadDataset(
  path: string,
  upload: {
    format: DatasetUploadFormat;
    encoding: UploadEncoding;
    fileName: string;
    mapping: ImportDatasetPayload["mapping"];
    classNames: readonly string[];
    seed: number;
    header?: boolean;
    labelMap?: ImportDatasetPayload["labelMap"];
    multiLabel?: boolean | undefined;
  },
  limits: ImportLimits,
): Promise<Dataset> {
  const input = upload.mapping.input.length === 1 ? upload.mapping.input[0]! : upload.mapping.input;
  let temp: string | undefined;
  try {
    if (upload.format === "zip") {
      temp = await mkdtemp(join(tmpdir(), "alchemist-wrench-"));
      const folder = await extractWrenchZip(path, join(temp, "dataset"), { source: upload.fileName, limits: limits.zip });
      const dataset = await loadDataset(folder, { format: "wrench", mapping: { input }, classNames: upload.classNames, seed: upload.seed });
      return dataset;
    }
    if (upload.multiLabel === true && upload.format === "label-studio")
      throw new Error(
        `${upload.fileName}: the studio reads multi-label gold from a CSV, TSV, JSON Lines or Parquet column (a|b or a JSON list), not from a Label Studio export yet`,
      );
    const dataset = await loadDataset(path, {
      mapping: { ...upload.mapping, input },
      classNames: upload.classNames,
      seed: upload.seed,
      format: upload.format,
      encoding: upload.encoding,
      limits: limits.reading,
      ...(upload.header === false ? { header: false } : {}),
      ...(upload.labelMap ? { labelMap: upload.labelMap } : {}),
      ...(upload.multiLabel === true ? { multiLabel: true } : {}),
    });
    return upload.multiLabel === true ? withGoldMasks(dataset) : dataset;
  } catch (error) {
    let message = (error as Error).message.split(path).join(upload.fileName);
    if (temp) message = message.split(join(temp, "dataset")).join(upload.fileName);
    if (/ENOENT/.test(message) && !temp)
      throw new Error(`the upload of ${upload.fileName} is gone (uploads are deleted after a successful import); upload the file again`);
    throw new Error(studioWording(message));
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}

/** A multi-label dataset's gold lists as the class-set bitmasks the studio stores in `Row.gold` (like the votes). */
function withGoldMasks(dataset: Dataset): Dataset {
  return {
    ...dataset,
    rows: dataset.rows.map(({ goldSet, ...row }) => (goldSet === undefined ? row : { ...row, gold: goldSetMask.fromSet(goldSet) })),
  };
}

/**
 * An engine message in the studio's words: the CLI flags it suggests become the upload form's
 * controls (encoding select, "First row is a header", label map).
 *
 * @example
 * studioWording("... choose the latin-1 encoding (--encoding latin-1)"); // "... choose the latin-1 encoding (Text encoding: Latin-1)"
 */
export function studioWording(message: string): string {
  return message
    .replace(/\(--encoding latin-1\)/g, "(Text encoding: Latin-1)")
    .replace(/\(--encoding utf-16\)/g, "(Text encoding: UTF-16)")
    .replace(/read the file with --no-header --columns [^\s;]+/g, 'untick "First row is a header" and upload it again')
    .replace(/read it with --no-header and name its columns with --columns \(e\.g\. --columns label,text\)/g, 'untick "First row is a header"')
    .replace(/read the file with --no-header \(and name the columns with --columns\)/g, 'untick "First row is a header"')
    .replace(/\(--label-map [^)]*\)/g, "(the label map under the gold label field)")
    .replace(/\(--from-name\)/g, "(the studio reads one: keep a single <Choices> in the Label Studio project's labeling config and export again)")
    .replace(/--columns/g, "a file with a header row");
}
