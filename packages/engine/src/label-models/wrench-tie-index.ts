import { EngineError } from "../errors/engine-error";
import { sha1Hex } from "./sha1-hex";

/**
 * WRENCH's (and Snorkel's `probs_to_preds`) deterministic tie-break: the position among the
 * `nTies` tied classes is `int(sha1(str(row)).hexdigest(), 16) % nTies`, where `row` is the row's
 * index within the matrix being predicted.
 *
 * @example
 * wrenchTieIndex(0, 2); // 0 — sha1("0") = b6589f...410c, an even number
 */
export function wrenchTieIndex(row: number, nTies: number): number {
  if (!Number.isInteger(row) || row < 0) throw new EngineError("INVALID_ARGUMENT", `wrenchTieIndex: row must be a non-negative integer, got ${row}`);
  if (!Number.isInteger(nTies) || nTies < 1) throw new EngineError("INVALID_ARGUMENT", `wrenchTieIndex: nTies must be a positive integer, got ${nTies}`);
  return Number(BigInt(`0x${sha1Hex(String(row))}`) % BigInt(nTies));
}
