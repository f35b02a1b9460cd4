import type { LabelMatrix } from "@alchemist/engine";
import { createProgram, saveChunkVotes, type Db } from "@alchemist/db";

const slug = (name: string) => name.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 60) || "dataset";

/**
 * Stores a WRENCH dataset's `weak_labels` (or a Label Studio export's predictions) as imported
 * programs: one program per labeling function (`wrench_<dataset>_lf_<j>`; per prediction
 * `ls_<model_version>`), whose votes on this dataset are saved as its program outputs, so runs
 * and analyses use them like any program's. The code cannot recompute the votes (the file ships
 * votes, not functions), so it abstains on other rows and says so. Safe to repeat: an
 * existing program of that name is reused and chunk votes are upserts. Returns the program count.
 *
 * @example
 * await storeImportedVotes(prisma, { projectId, dataset, datasetName: "youtube", votes: ds.importedVotes });
 */
export async function storeImportedVotes(
  db: Db,
  input: {
    projectId: string;
    dataset: { id: string; chunkSize: number; rowCount: number };
    datasetName: string;
    votes: { names: readonly string[]; L: LabelMatrix };
    format?: "wrench" | "label-studio";
  },
): Promise<number> {
  const { dataset, votes } = input;
  const { n, m, values } = votes.L;
  if (n !== dataset.rowCount) throw new Error(`imported votes cover ${n} rows but the dataset has ${dataset.rowCount}`);
  for (let j = 0; j < m; j++) {
    const labelStudio = input.format === "label-studio";
    const name = (labelStudio ? `ls_${slug(votes.names[j] ?? `prediction_${j}`)}` : `wrench_${slug(input.datasetName)}_${votes.names[j] ?? `lf_${j}`}`).slice(
      0,
      100,
    );
    const source = [
      labelStudio
        ? `# Predictions of "${votes.names[j]}" imported with the Label Studio export "${input.datasetName}" (dataset ${dataset.id}).`
        : `# Labeling function ${votes.names[j] ?? j} imported with the WRENCH dataset "${input.datasetName}" (dataset ${dataset.id}).`,
      "# Its votes on that dataset came with the upload and are stored as this program's outputs;",
      `# ${labelStudio ? "Label Studio ships predictions" : "WRENCH ships votes"}, not code, so on any other rows it abstains.`,
      "def label_function(x):",
      "    return -1",
      "",
    ].join("\n");
    const existing = await db.program.findFirst({
      where: { projectId: input.projectId, name },
      include: { versions: { orderBy: { version: "asc" }, take: 1 } },
    });
    const codeHash =
      existing?.versions[0]?.codeHash ??
      (
        await createProgram(db, {
          projectId: input.projectId,
          name,
          language: "PYTHON",
          source,
          provenance: {
            kind: "imported",
            format: labelStudio ? "label-studio" : "wrench",
            datasetId: dataset.id,
            function: j,
            ...(labelStudio ? { modelVersion: votes.names[j] } : {}),
          },
        })
      ).version.codeHash;
    for (let start = 0, chunkIndex = 0; start < n; start += dataset.chunkSize, chunkIndex++) {
      const rows = Math.min(dataset.chunkSize, n - start);
      const chunk = new Int8Array(rows);
      for (let i = 0; i < rows; i++) chunk[i] = values[(start + i) * m + j]!;
      await saveChunkVotes(db, { datasetId: dataset.id, codeHash, chunkIndex, votes: chunk });
    }
  }
  return m;
}
