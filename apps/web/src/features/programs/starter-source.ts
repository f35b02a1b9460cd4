/**
 * The source a new program starts from, in the task's language, with the task's function name.
 *
 * @example
 * starterSource("python", "label_function", ["ham", "spam"]);
 */
export function starterSource(language: "python" | "javascript", functionName: string, classNames: readonly string[]): string {
  const example = classNames[classNames.length - 1] ?? "spam";
  if (language === "javascript") {
    return `// Return a class name (e.g. "${example}"), its index, or -1 to abstain.\nfunction ${functionName}(x) {\n  return -1;\n}\n`;
  }
  return `# Return a class name (e.g. "${example}"), its index, or -1 to abstain.\ndef ${functionName}(x):\n    return -1\n`;
}
