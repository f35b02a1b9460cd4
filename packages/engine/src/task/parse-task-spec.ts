import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import type { TaskReading, TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import { parseTextEncoding } from "../datasets/text-encoding";
import { MAX_MULTI_LABEL_CLASSES } from "../multi-label/multi-label-votes";

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const nonEmpty = z.string().trim().min(1, "must not be empty");

const NAMED_DELIMITERS: Readonly<Record<string, string>> = { tab: "\t", "\\t": "\t", comma: ",", semicolon: ";", pipe: "|" };

const dataSchema = z.strictObject({
  format: z.enum(["delimited", "csv", "tsv", "jsonl", "parquet", "label-studio"]).optional(),
  header: z.boolean().optional(),
  columns: z.array(nonEmpty).min(1, "must name at least 1 column").optional(),
  delimiter: z
    .string()
    .transform((d) => NAMED_DELIMITERS[d] ?? d)
    .refine((d) => d.length === 1 && !/[\r\n"]/.test(d), "must be one character (or tab, comma, semicolon, pipe)")
    .optional(),
  encoding: z
    .string()
    .superRefine((name, ctx) => {
      try {
        parseTextEncoding(name);
      } catch {
        ctx.addIssue({ code: "custom", message: `unknown encoding ${JSON.stringify(name)}; use utf-8, latin-1, utf-16 or auto` });
      }
    })
    .transform((name) => parseTextEncoding(name))
    .optional(),
  label_field: nonEmpty.optional(),
  split_field: nonEmpty.optional(),
  id_field: nonEmpty.optional(),
});

// YAML reads `1: neoplasms` with a number key; JavaScript keys are text either way.
const labelsSchema = z.record(z.string(), nonEmpty.nullable());

const taskFileSchema = z
  .strictObject({
    name: nonEmpty,
    description: z.string().default(""),
    kind: z.enum(["text", "image"]).default("text"),
    multi_label: z.boolean().default(false),
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
    labels: labelsSchema.optional(),
    data: dataSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    const names = new Set(spec.classes.map((c) => c.name));
    for (const [raw, name] of Object.entries(spec.labels ?? {})) {
      if (name !== null && !names.has(name))
        ctx.addIssue({ code: "custom", path: ["labels", raw], message: `"${name}" is not a class (classes: ${[...names].join(", ")})` });
    }
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
 * `multi_label: true` makes a multi-label task (at most 15 classes). Optional `labels` maps raw gold values to class names (`null`: no gold) and `data` carries
 * the reading options (format, header, columns, delimiter, encoding, label_field,
 * split_field, id_field).
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
    throw new EngineError("TASK_INVALID", `${source}${where}: not valid YAML or JSON: ${(error as Error).message.split("\n")[0]!.replace(/:$/, "")}`, {
      source,
      line,
    });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new EngineError(
      "TASK_INVALID",
      `${source}: expected a mapping with name and classes, got ${data === null ? "an empty document" : Array.isArray(data) ? "a list" : typeof data}`,
      { source },
    );
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
    throw new EngineError(
      "TASK_INVALID",
      `${source}: input: programs of an image task read {concept: score} records, so input must be "scores" (or left out), got ${JSON.stringify(spec.input)}`,
      { source },
    );
  }
  if (spec.multi_label && spec.kind === "image")
    throw new EngineError("TASK_INVALID", `${source}: multi_label: image tasks are single-label; drop multi_label or kind: image`, { source });
  if (spec.multi_label && spec.classes.length > MAX_MULTI_LABEL_CLASSES) {
    throw new EngineError(
      "TASK_INVALID",
      `${source}: classes: a multi-label task has at most ${MAX_MULTI_LABEL_CLASSES} classes (votes are 16-bit class sets), got ${spec.classes.length}`,
      { source },
    );
  }
  return {
    name: spec.name,
    description: spec.description,
    input: spec.input ?? (spec.kind === "image" ? "scores" : "text"),
    language: spec.language,
    functionName: spec.function,
    classes: spec.classes.map((c) => ({ name: c.name, description: c.description })),
    ...(spec.kind === "image" ? { kind: "image" as const } : {}),
    ...(spec.multi_label ? { multiLabel: true } : {}),
    ...(spec.labels ? { labels: Object.fromEntries(Object.entries(spec.labels).map(([raw, name]) => [raw.trim(), name])) } : {}),
    ...(spec.data ? { data: taskReading(spec.data) } : {}),
  };
}

function taskReading(data: z.infer<typeof dataSchema>): TaskReading {
  const { label_field: labelField, split_field: splitField, id_field: idField, ...rest } = data;
  const reading: Record<string, unknown> = { ...rest, labelField, splitField, idField };
  for (const key of Object.keys(reading)) if (reading[key] === undefined) delete reading[key];
  return reading as TaskReading;
}
