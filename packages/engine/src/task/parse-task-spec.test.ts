import { describe, expect, it } from "vitest";
import { parseTaskSpec } from "./parse-task-spec";

const minimal = "name: spam\nclasses:\n  - name: ham\n  - name: spam\n    description: unsolicited ads\n";

function errorOf(text: string): string {
  try {
    parseTaskSpec(text, "task.yaml");
  } catch (error) {
    expect(error).toMatchObject({ code: "TASK_INVALID" });
    return (error as Error).message;
  }
  throw new Error("expected parseTaskSpec to throw");
}

describe("parseTaskSpec", () => {
  it("applies defaults and maps `function` to functionName", () => {
    expect(parseTaskSpec(minimal, "task.yaml")).toEqual({
      name: "spam",
      description: "",
      input: "text",
      language: "python",
      functionName: "label_function",
      classes: [
        { name: "ham", description: "" },
        { name: "spam", description: "unsolicited ads" },
      ],
    });
  });

  it("reads JSON with every key", () => {
    const json = JSON.stringify({
      name: "t",
      description: "d",
      input: ["title", "body"],
      language: "javascript",
      function: "vote",
      classes: [{ name: "a", description: "A" }, { name: "b" }],
    });
    const spec = parseTaskSpec(json, "task.json");
    expect(spec.input).toEqual(["title", "body"]);
    expect(spec.language).toBe("javascript");
    expect(spec.functionName).toBe("vote");
  });

  it("names the source and key path of each problem", () => {
    expect(errorOf("name: spam\nclasses:\n  - name: ham\n  - description: x\n")).toBe("task.yaml: classes[1].name: required");
    expect(errorOf("classes: [{name: a}, {name: b}]\n")).toBe("task.yaml: name: required");
    expect(errorOf("name: spam\nclasses:\n  - name: ham\n")).toMatch(/^task.yaml: classes: needs at least 2 classes$/);
    expect(errorOf("name: s\nclasses: [{name: a}, {name: a}]\n")).toMatch(/classes\[1\]\.name: duplicate class name "a"/);
    expect(errorOf(`${minimal}language: ruby\n`)).toMatch(/task.yaml: language: must be one of python, javascript, got "ruby"/);
    expect(errorOf(`${minimal}function: 2fast\n`)).toMatch(/task.yaml: function: must be a valid identifier/);
    expect(errorOf(`${minimal}input: []\n`)).toMatch(/task.yaml: input: /);
    expect(errorOf(`${minimal}functon: f\n`)).toBe("task.yaml: functon: unknown key");
  });

  it("reports YAML syntax errors with a line, and non-mapping documents", () => {
    expect(errorOf("name: spam\nclasses: [\n")).toMatch(/^task.yaml line \d+: not valid YAML or JSON/);
    expect(errorOf("")).toMatch(/task.yaml: expected a mapping/);
    expect(errorOf("- a\n- b\n")).toMatch(/task.yaml: expected a mapping/);
  });
});
