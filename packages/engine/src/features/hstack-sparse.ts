import type { SparseMatrix } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";

/**
 * Concatenates CSR matrices with the same row count side by side (columns of later blocks are
 * offset by the widths before them); rows stay sorted by column.
 *
 * @example
 * hstackSparse([Xtext, Xtab]).cols === Xtext.cols + Xtab.cols; // true
 */
export function hstackSparse(blocks: readonly SparseMatrix[]): SparseMatrix {
  if (blocks.length === 0) throw new EngineError("INVALID_ARGUMENT", "hstackSparse: needs at least 1 block, got 0");
  if (blocks.length === 1) return blocks[0]!;
  const rows = blocks[0]!.rows;
  for (const [b, block] of blocks.entries()) {
    if (block.rows !== rows) throw new EngineError("INVALID_ARGUMENT", `hstackSparse: block ${b} has ${block.rows} rows, block 0 has ${rows}`);
  }
  const nnz = blocks.reduce((sum, block) => sum + block.indices.length, 0);
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  for (let i = 0; i < rows; i++) {
    let offset = 0;
    for (const block of blocks) {
      for (let p = block.indptr[i]!; p < block.indptr[i + 1]!; p++) {
        indices[at] = block.indices[p]! + offset;
        values[at++] = block.values[p]!;
      }
      offset += block.cols;
    }
    indptr[i + 1] = at;
  }
  return { rows, cols: blocks.reduce((sum, block) => sum + block.cols, 0), indptr, indices, values };
}
