import { open, mkdir, readFile, truncate } from "node:fs/promises";
import { join } from "node:path";
import { EngineError } from "../../errors/engine-error";

const MAGIC = Buffer.from("ALCEMB01");
const HEADER = 16;
const HASH = 32;

/**
 * Image embeddings on disk, one append-only file per model (`<dir>/<modelKey>.emb`: a header with
 * the dimension, then records of sha256(image bytes) + float32 embedding), so re-runs, new
 * concept lists and renamed files never embed a picture twice. A torn last record (a killed
 * process) is cut off when the file is opened; whole records are appended with one write.
 *
 * @example
 * const cache = await ClipEmbeddingCache.open(".alchemist-cache", clip.key);
 * cache.get(sha256) ?? embed(...);
 */
export class ClipEmbeddingCache {
  private constructor(
    readonly file: string,
    private dimension: number,
    private readonly entries: Map<string, Float32Array>,
  ) {}

  /** Floats per embedding; 0 until the first one is stored. */
  get dim(): number {
    return this.dimension;
  }

  get size(): number {
    return this.entries.size;
  }

  static async open(dir: string, modelKey: string): Promise<ClipEmbeddingCache> {
    if (!/^[0-9a-f]{8,64}$/.test(modelKey))
      throw new EngineError("INVALID_ARGUMENT", `embedding cache: model key must be hex, got ${JSON.stringify(modelKey)}`);
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${modelKey}.emb`);
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw new EngineError("DATASET_READ", `${file}: cannot read the embedding cache (${error.code ?? error.message})`, { file });
    });
    const entries = new Map<string, Float32Array>();
    let dim = 0;
    if (bytes && bytes.length >= HEADER) {
      dim = bytes.readUInt32LE(8);
      if (!bytes.subarray(0, MAGIC.length).equals(MAGIC) || dim < 1) {
        throw new EngineError("DATASET_READ", `${file}: not an embedding cache file; delete it to start over`, { file });
      }
      const record = HASH + dim * 4;
      const whole = Math.floor((bytes.length - HEADER) / record);
      for (let r = 0; r < whole; r++) {
        const at = HEADER + r * record;
        const vector = new Float32Array(dim);
        for (let c = 0; c < dim; c++) vector[c] = bytes.readFloatLE(at + HASH + c * 4);
        entries.set(bytes.toString("hex", at, at + HASH), vector);
      }
      if (HEADER + whole * record !== bytes.length) await truncate(file, HEADER + whole * record);
    }
    return new ClipEmbeddingCache(file, dim, entries);
  }

  /** The embedding of the image whose sha256 (hex) is `hash`, if cached. */
  get(hash: string): Float32Array | undefined {
    return this.entries.get(hash);
  }

  /** Appends new embeddings (rows of `vectors`, one per hash) in one write. */
  async add(hashes: readonly string[], vectors: Float32Array): Promise<void> {
    if (hashes.length === 0) return;
    const header = this.dimension === 0 ? Buffer.alloc(HEADER) : undefined;
    if (header) {
      this.dimension = vectors.length / hashes.length;
      MAGIC.copy(header);
      header.writeUInt32LE(this.dimension, 8);
    }
    if (!Number.isInteger(this.dim) || vectors.length !== hashes.length * this.dim)
      throw new EngineError("INVALID_ARGUMENT", `embedding cache: ${hashes.length} hashes need ${hashes.length * this.dim} values, got ${vectors.length}`);
    const fresh = hashes.map((hash, i) => [hash, i] as const).filter(([hash]) => !this.entries.has(hash));
    if (fresh.length === 0) return;
    const record = HASH + this.dim * 4;
    const out = Buffer.alloc(fresh.length * record);
    fresh.forEach(([hash, i], r) => {
      out.write(hash, r * record, HASH, "hex");
      for (let c = 0; c < this.dim; c++) out.writeFloatLE(vectors[i * this.dim + c]!, r * record + HASH + c * 4);
      this.entries.set(hash, vectors.slice(i * this.dim, (i + 1) * this.dim));
    });
    const handle = await open(this.file, header ? "w" : "a");
    try {
      await handle.write(header ? Buffer.concat([header, out]) : out);
    } finally {
      await handle.close();
    }
  }
}
