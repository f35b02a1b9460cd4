import { EngineError } from "../errors/engine-error";

export type ShapeKind = "circle" | "square";
export type ShapeColour = "red" | "yellow" | "white";
export type ShapePlace = "water" | "land";

/** One picture of the shapes world: a filled shape of `colour` on a textured `place` background. */
export interface ShapeSpec {
  readonly shape: ShapeKind;
  readonly colour: ShapeColour;
  readonly place: ShapePlace;
  /** Centre and size as fractions of the side. */
  readonly cx: number;
  readonly cy: number;
  readonly size: number;
  /** Seed of the background texture. */
  readonly texture: number;
}

export const SHAPE_COLOURS: Readonly<Record<ShapeColour, readonly [number, number, number]>> = {
  red: [220, 40, 40],
  yellow: [235, 210, 40],
  white: [240, 240, 240],
};
export const SHAPE_PLACES: Readonly<Record<ShapePlace, readonly [number, number, number]>> = { water: [30, 80, 170], land: [50, 135, 45] };

/**
 * Renders a shapes-world picture as packed RGB bytes, `side x side`: circles and squares of equal
 * area so size never tells them apart, bright shapes on darker backgrounds with a little seeded
 * texture (as water and grass would have). Pure arithmetic, deterministic.
 *
 * @example
 * const rgb = renderShape({ shape: "circle", colour: "red", place: "water", cx: 0.5, cy: 0.5, size: 0.5, texture: 1 }, 160);
 */
export function renderShape(spec: ShapeSpec, side: number): Uint8Array {
  if (!Number.isInteger(side) || side < 8) throw new EngineError("INVALID_ARGUMENT", `renderShape: side must be an integer >= 8, got ${side}`);
  const out = new Uint8Array(side * side * 3);
  const fg = SHAPE_COLOURS[spec.colour];
  const bg = SHAPE_PLACES[spec.place];
  // A square of side s and a circle of radius s / sqrt(pi) cover the same area.
  const half = (spec.size * side) / 2;
  const radius = (spec.size * side) / Math.sqrt(Math.PI);
  const [cx, cy] = [spec.cx * side, spec.cy * side];
  let state = (spec.texture * 2654435761) >>> 0 || 1;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const noise = ((state >>> 0) % 31) - 15 + 10 * Math.sin((x + spec.texture) / 5) * Math.cos(y / 7);
      const [dx, dy] = [x + 0.5 - cx, y + 0.5 - cy];
      const inside = spec.shape === "square" ? Math.abs(dx) <= half && Math.abs(dy) <= half : dx * dx + dy * dy <= radius * radius;
      const p = (y * side + x) * 3;
      for (let c = 0; c < 3; c++) out[p + c] = Math.max(0, Math.min(255, Math.round(inside ? fg[c]! : bg[c]! + noise)));
    }
  }
  return out;
}
