import { EngineError } from "../errors/engine-error";
import type { LabelStudioNames } from "./label-studio-names";

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/**
 * The labeling config (XML) of a single-choice classification matching `labelStudioTask`'s
 * results: one `<Text>` per input field (the first is `names.toName`), one `<Choices>` named
 * `names.fromName` with a `<Choice>` per class in index order. Paste it in Label Studio's
 * Settings > Labeling Interface > Code before importing the tasks. A multi-label task's `<Choices>`
 * take several classes (`choice="multiple"`).
 *
 * @example
 * labelStudioConfig({ classNames: ["ham", "spam"], inputs: ["text"], names: { fromName: "sms-spam", toName: "text" } });
 * // <View>\n  <Text name="text" value="$text"/>\n  <Choices name="sms-spam" toName="text" choice="single" showInLine="true">...
 */
export function labelStudioConfig(o: {
  classNames: readonly string[];
  inputs: string | readonly string[];
  names: LabelStudioNames;
  multiLabel?: boolean;
}): string {
  const inputs = typeof o.inputs === "string" ? [o.inputs] : [...o.inputs];
  if (o.classNames.length < 2) throw new EngineError("INVALID_ARGUMENT", `a labeling config needs at least 2 classes, got ${o.classNames.length}`);
  if (inputs.length === 0) throw new EngineError("INVALID_ARGUMENT", "a labeling config needs at least 1 input field, got 0");
  const [first, ...rest] = inputs;
  const texts = [{ name: o.names.toName, field: first! }, ...rest.map((field) => ({ name: field === o.names.toName ? `${field}_` : field, field }))];
  const lines = [
    "<View>",
    ...texts.flatMap(({ name, field }) => [`  <Header value="${escapeXml(field)}"/>`, `  <Text name="${escapeXml(name)}" value="$${escapeXml(field)}"/>`]),
    `  <Choices name="${escapeXml(o.names.fromName)}" toName="${escapeXml(o.names.toName)}" choice="${o.multiLabel === true ? "multiple" : "single"}" showInLine="true">`,
    ...o.classNames.map((name) => `    <Choice value="${escapeXml(name)}"/>`),
    "  </Choices>",
    "</View>",
  ];
  return `${lines.join("\n")}\n`;
}
