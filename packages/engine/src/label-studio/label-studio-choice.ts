import { EngineError } from "../errors/engine-error";
import { checkLabelMap, labelMapKey, type LabelMap } from "../datasets/label-map";
import { parseGoldLabel } from "../datasets/parse-gold-label";
import type { LabelStudioResult } from "./label-studio-schema";

/**
 * Reads the class of a Label Studio result list: the `choices` result named `fromName`, its one
 * choice through the label map (or a class name, exact then case-insensitive). Returns -1 when
 * the list has no such result or an empty choice, undefined for a choice the map sends to "no
 * gold"; throws naming `where` for a choice that is no class or for several choices.
 *
 * @example
 * const read = labelStudioChoiceReader(["ham", "spam"], "sentiment");
 * read([{ from_name: "sentiment", to_name: "text", type: "choices", value: { choices: ["spam"] } }], "task 3"); // 1
 */
export function labelStudioChoiceReader(
  classNames: readonly string[],
  fromName: string,
  labelMap?: LabelMap,
  source = "Label Studio tasks",
): (result: readonly LabelStudioResult[], where: string) => number | undefined {
  const map = labelMap === undefined ? undefined : checkLabelMap(labelMap, classNames, source);
  return (result, where) => {
    const item = result.find((r) => r.from_name === fromName && r.type === "choices");
    const choices = item?.value.choices ?? [];
    if (choices.length === 0) return -1;
    if (choices.length > 1)
      throw new EngineError("DATASET_PARSE", `${where}: ${choices.length} choices (${choices.join(", ")}) under "${fromName}"; a single-label task takes one`);
    const raw = choices[0]!;
    if (map !== undefined) {
      const key = labelMapKey(raw);
      if (key === undefined) return -1;
      if (!Object.hasOwn(map, key))
        throw new EngineError(
          "DATASET_PARSE",
          `${where}: choice ${JSON.stringify(raw)} is not in the label map (raw values ${Object.keys(map)
            .map((k) => JSON.stringify(k))
            .join(", ")})`,
        );
      const name = map[key];
      return name === null || name === undefined ? undefined : classNames.indexOf(name);
    }
    const index = parseGoldLabel(raw, classNames);
    if (index === null)
      throw new EngineError(
        "DATASET_PARSE",
        `${where}: choice ${JSON.stringify(raw)} is not one of the classes ${classNames.join(", ")}; map it with a label map (raw=class)`,
      );
    return index ?? -1;
  };
}
