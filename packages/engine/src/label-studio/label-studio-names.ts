import { EngineError } from "../errors/engine-error";

/** The control and object tag names a labeling config and its tasks' results share. */
export interface LabelStudioNames {
  /** The `<Choices name>`: results' `from_name`. */
  readonly fromName: string;
  /** The `<Text name>` the choices label: results' `to_name`. */
  readonly toName: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

/**
 * The tag names of a task's Label Studio project: `from_name` from the task's name (`sms-spam`),
 * `to_name` the first input field, unless given. Both must be plain tag names (letters, digits,
 * `_ . -`), because Label Studio matches results to its config by them.
 *
 * @example
 * labelStudioNames({ name: "sms-spam", input: "text" }); // { fromName: "sms-spam", toName: "text" }
 */
export function labelStudioNames(
  task: { readonly name: string; readonly input: string | readonly string[] },
  given: { fromName?: string; toName?: string } = {},
): LabelStudioNames {
  const inputs = typeof task.input === "string" ? [task.input] : task.input;
  const slug = task.name
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, "_")
    .replace(/^[^A-Za-z_]+/, "");
  const fromName = given.fromName ?? (NAME.test(slug) ? slug : "class");
  const toName = given.toName ?? inputs[0] ?? "text";
  for (const [what, name] of [
    ["from_name", fromName],
    ["to_name", toName],
  ] as const) {
    if (!NAME.test(name))
      throw new EngineError(
        "INVALID_ARGUMENT",
        `Label Studio ${what} "${name}" must start with a letter or _ and hold only letters, digits, _ . - (up to 100)`,
      );
  }
  if (fromName === toName)
    throw new EngineError("INVALID_ARGUMENT", `Label Studio from_name and to_name are both "${fromName}"; a config needs two different tag names`);
  return { fromName, toName };
}
