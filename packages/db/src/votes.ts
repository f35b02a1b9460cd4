/**
 * Int8 votes -> bytes for a `Bytes` column (a copy that shares no memory with `votes`).
 *
 * @example
 * votesToBytes(Int8Array.of(-1, 0, 1)) // Uint8Array [255, 0, 1]
 */
export function votesToBytes(votes: Int8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(votes.buffer.slice(votes.byteOffset, votes.byteOffset + votes.byteLength) as ArrayBuffer);
}

/**
 * Bytes from a `Bytes` column -> Int8 votes (a copy).
 *
 * @example
 * bytesToVotes(Uint8Array.of(255, 0, 1)) // Int8Array [-1, 0, 1]
 */
export function bytesToVotes(bytes: Uint8Array): Int8Array {
  const votes = new Int8Array(bytes.byteLength);
  votes.set(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return votes;
}
