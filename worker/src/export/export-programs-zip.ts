import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { readProgramVersions, runPrograms, type Db } from "@alchemist/db";

const safeName = (name: string) =>
  name
    .replace(/[^A-Za-z0-9_.-]+/g, "_")
    .replace(/^\.+/, "_")
    .slice(0, 100) || "program";

/**
 * Zips the run's program versions as source files (`programs/<name>.py|.js`) with a
 * `manifest.json` (name, file, language, function, version, code hash, provenance) into `path`.
 * Returns the number of programs.
 *
 * @example
 * const n = await exportProgramsZip(prisma, run, "/exports/x.zip.part");
 */
export async function exportProgramsZip(db: Db, run: { id: string; projectId: string; programs: unknown }, path: string): Promise<number> {
  const frozen = runPrograms(run);
  const versions = await readProgramVersions(
    db,
    frozen.map((p) => p.programVersionId),
  );
  const zip = new yazl.ZipFile();
  const used = new Set<string>();
  const manifest = versions
    .filter((v) => v.program.projectId === run.projectId)
    .map((v) => {
      const ext = v.language === "PYTHON" ? "py" : "js";
      let file = `programs/${safeName(v.program.name)}.${ext}`;
      for (let i = 2; used.has(file); i++) file = `programs/${safeName(v.program.name)}-${i}.${ext}`;
      used.add(file);
      zip.addBuffer(Buffer.from(v.source, "utf8"), file, { mtime: v.createdAt });
      return {
        name: v.program.name,
        file,
        language: v.language.toLowerCase(),
        functionName: v.functionName,
        version: v.version,
        programVersionId: v.id,
        codeHash: v.codeHash,
        provenance: v.provenance,
      };
    });
  zip.addBuffer(Buffer.from(`${JSON.stringify({ runId: run.id, programs: manifest }, null, 2)}\n`), "manifest.json", { mtime: new Date(0) });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
  return manifest.length;
}
