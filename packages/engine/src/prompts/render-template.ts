import { EngineError } from "../errors/engine-error";

/**
 * Replaces `{name}` placeholders; an unknown placeholder is an error naming it, so a typo in an
 * edited template is caught rather than sent to a model.
 *
 * @example
 * renderTemplate("label {subject} as {classes}", { subject: "SMS", classes: "spam or ham" }); // "label SMS as spam or ham"
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new EngineError(
        "INVALID_ARGUMENT",
        `prompt template: unknown placeholder ${whole} (known: ${Object.keys(values)
          .map((k) => `{${k}}`)
          .join(", ")})`,
      );
    return value;
  });
}
