import type { TaskSpec } from "../core/task";
import type { RoboShotInsights } from "./roboshot-calibration";

/**
 * The project's own small image task (tests, CI and `alchemist demo --images`): circles and
 * squares on water or grass, where the background is a spurious cue, as in Waterbirds. The tiny
 * CLIP model that `writeShapesClipModel` fits embeds pictures and prompts on the same named
 * directions, so its scores carry meaning (unlike the random `writeTinyClipModel`).
 *
 * @example
 * SHAPES_WORLD.concepts; // ["a round circle", "a square with sharp corners", ...]
 */
export const SHAPES_WORLD = {
  task: {
    name: "shapes",
    description: "Is the object in the picture a circle or a square? Backgrounds are water or grass.",
    kind: "image",
    input: "scores",
    language: "python",
    functionName: "label_function",
    classes: [
      { name: "circle", description: "a round object" },
      { name: "square", description: "an object with four straight sides and sharp corners" },
    ],
  } satisfies TaskSpec,
  /** The builtin concept list (what an LLM would be asked for). */
  concepts: ["a round circle", "a square with sharp corners", "blue water", "green grass", "a red object", "a yellow object", "a white object"],
  /** The builtin RoboShot insights: the background is harmful, the outline helpful. */
  insights: {
    harmful: [["blue water", "green grass"]],
    helpful: [["a round circle", "a square with sharp corners"]],
  } satisfies RoboShotInsights,
  /** Named embedding directions, in order; the last is shared by every picture and prompt. */
  directions: ["round", "square", "water", "land", "red", "yellow", "white", "photo"],
  /** Words that mean a direction; every other token embeds on "photo". */
  keywords: {
    round: "round",
    circle: "round",
    circular: "round",
    curved: "round",
    disc: "round",
    square: "square",
    corners: "square",
    corner: "square",
    sharp: "square",
    straight: "square",
    box: "square",
    blue: "water",
    water: "water",
    sea: "water",
    lake: "water",
    green: "land",
    grass: "land",
    land: "land",
    grassy: "land",
    red: "red",
    yellow: "yellow",
    white: "white",
  } as Readonly<Record<string, string>>,
} as const;
