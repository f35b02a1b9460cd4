/**
 * The decoded text a block parser is working through: the current block and a position in it.
 * A record cut by the end of a block is finished in `rest + nextBlock`, then parsing moves back
 * onto the new block itself: V8 searches a block as decoded (an external or ordinary string) many
 * times faster than a large string built by concatenation, so the joined text is only used for
 * the record that spans the two blocks.
 *
 * @example
 * class MyParser extends TextWindow { take() { this.settle(); const end = this.text.indexOf("\n", this.pos); ... } }
 */
export abstract class TextWindow {
  protected text = "";
  protected pos = 0;
  /** The block the joined text ends with, and where it starts in it; undefined when `text` is that block. */
  private block: string | undefined;
  private joined = 0;

  feed(block: string): void {
    if (this.pos >= this.text.length) {
      [this.text, this.pos, this.block] = [block, 0, undefined];
      return;
    }
    const rest = this.text.slice(this.pos);
    [this.text, this.pos, this.block, this.joined] = [rest + block, 0, block, rest.length];
  }

  /** Moves onto the block itself once the position has left the joined part; true when it did. */
  protected settle(): boolean {
    if (this.block === undefined || this.pos < this.joined) return false;
    [this.text, this.pos, this.block] = [this.block, this.pos - this.joined, undefined];
    return true;
  }
}
