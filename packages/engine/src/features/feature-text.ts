/**
 * The text a row contributes to TF-IDF features: the program input itself when it is a string,
 * the values of a record input joined by newlines (in field order), otherwise its string form.
 *
 * @example
 * featureText("win now");                        // "win now"
 * featureText({ title: "Hi", body: "win now" }); // "Hi\nwin now"
 */
export function featureText(input: unknown): string {
  if (typeof input === "string") return input;
  if (input === null || input === undefined) return "";
  if (typeof input === "object" && !Array.isArray(input)) {
    return Object.values(input as Record<string, unknown>)
      .map(featureText)
      .join("\n");
  }
  if (Array.isArray(input)) return input.map(featureText).join("\n");
  return String(input);
}
