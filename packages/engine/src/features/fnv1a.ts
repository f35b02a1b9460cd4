/** FNV-1a 32-bit offset basis: the state to start hashing from. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * Continues an FNV-1a 32-bit hash over the UTF-16 code units of `text`, so n-grams can be hashed
 * token by token without building the joined string. Returns an unsigned 32-bit integer.
 *
 * @example
 * fnv1a("b", fnv1a(" ", fnv1a("a"))) === fnv1a("a b"); // true
 */
export function fnv1a(text: string, state: number = FNV_OFFSET): number {
  let h = state >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
