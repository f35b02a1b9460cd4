import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import type { TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const nonEmpty = z.string().trim().min(1, "must not be empty");

const taskFileSchema = z.strictObject({
  name: nonEmpty,
  description: z.string().default(""),
  kind: z.enum(["text", "image"]).default("text"),
  input: z.union([nonEmpty, z.array(nonEmpty).min(1, "must list at least 1 field")]).optional(),
  language: z.enum(["python", "javascript"]).default("python"),
  function: z.string().regex(identifier, "must be a valid identifier (letters, digits, _; not starting with a digit)").default("label_function"),
  classes: z
    .array(z.strictObject({ name: nonEmpty, description: z.string().default("") }))
    .min(2, "needs at least 2 classes")
    .superRefine((classes, ctx) => {
      const seen = new Map<string, number>();
      classes.forEach((c, i) => {
        const first = seen.get(c.name);
        if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicate class name "${c.name}" (also classes[${first}])` });
        else seen.set(c.name, i);
      });
    }),
});

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out || "(root)";
}

function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "invalid_type") return issue.input === undefined ? "required" : `expected ${issue.expected}, got ${JSON.stringify(issue.input)}`;
  if (issue.code === "invalid_value") return `must be one of ${issue.values.map(String).join(", ")}, got ${JSON.stringify(issue.input)}`;
  if (issue.code === "invalid_union") return "expected a field name or a list of field names";
  return undefined;
}

/**
 * Parses and validates a task spec (YAML or JSON). The file's `function` key becomes
 * `functionName`; defaults: `input: text`, `language: python`, `function: label_function`.
 *
 * @example
 * parseTaskSpec("name: spam\nclasses:\n  - {name: ham}\n  - {name: spam}\n", "task.yaml");
 * // throws TASK_INVALID "task.yaml: classes[1].name: required" when a class has no name
 */
export function parseTaskSpec(text: string, source: string): TaskSpec {
  if (typeof text !== "string") throw new EngineError("INVALID_ARGUMENT", `${source}: task spec text must be a string`);
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0].line : undefined;
    const where = line === undefined ? "" : ` line ${line}`;
    throw new EngineError("TASK_INVALID", `${source}${where}: not valid YAML or JSON: ${(error as Error).message.split("\n")[0]!.replace(/:$/, "")}`, { source, line });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new EngineError("TASK_INVALID", `${source}: expected a mapping with name and classes, got ${data === null ? "an empty document" : Array.isArray(data) ? "a list" : typeof data}`, { source });
  }
  const result = taskFileSchema.safeParse(data, { error: issueMessage });
  if (!result.success) {
    const lines = result.error.issues.flatMap((issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => `${source}: ${formatPath([...issue.path, key])}: unknown key`)
        : [`${source}: ${formatPath(issue.path)}: ${issue.message}`],
    );
    throw new EngineError("TASK_INVALID", lines.join("\n"), { source, issues: result.error.issues });
  }
  const spec = result.data;
  if (spec.kind === "image" && spec.input !== undefined && spec.input !== "scores") {
    throw new EngineError("TASK_INVALID", `${source}: input: programs of an image task read {concept: score} records, so input must be "scores" (or left out), got ${JSON.stringify(spec.input)}`, { source });
  }
  return {
    name: spec.name,
    description: spec.description,
    input: spec.input ?? (spec.kind === "image" ? "scores" : "text"),
    language: spec.language,
    functionName: spec.function,
    classes: spec.classes.map((c) => ({ name: c.name, description: c.description })),
    ...(spec.kind === "image" ? { kind: "image" as const } : {}),
  };
}
