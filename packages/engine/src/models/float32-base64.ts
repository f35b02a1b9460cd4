const CHUNK = 0x8000;

/**
 * Base64 of a Float32Array's bytes (little-endian, the byte order of every platform we run on).
 * Uses the global `btoa`, available in browsers and Node >= 16.
 *
 * @example
 * float32FromBase64(float32ToBase64(Float32Array.of(1.5))); // Float32Array [1.5]
 */
export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = "";
  for (let at = 0; at < bytes.length; at += CHUNK) binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  return btoa(binary);
}

/** Inverse of `float32ToBase64`. */
export function float32FromBase64(text: string): Float32Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let x = 0; x < binary.length; x++) bytes[x] = binary.charCodeAt(x);
  return new Float32Array(bytes.buffer, 0, bytes.length >> 2);
}
