import { describe, expect, it } from "vitest";
import { parseTaskSpec } from "./parse-task-spec";

const classes = "classes:\n  - name: landbird\n  - name: waterbird\n";

describe("parseTaskSpec: image tasks", () => {
  it("kind: image makes the program input the {concept: score} record", () => {
    const spec = parseTaskSpec(`name: birds\nkind: image\n${classes}`, "task.yaml");
    expect(spec).toMatchObject({ kind: "image", input: "scores" });
    expect(parseTaskSpec(`name: birds\nkind: image\ninput: scores\n${classes}`, "task.yaml").input).toBe("scores");
    expect(parseTaskSpec(`name: t\n${classes}`, "task.yaml")).not.toHaveProperty("kind");
  });

  it("rejects another input or an unknown kind, naming the file", () => {
    expect(() => parseTaskSpec(`name: birds\nkind: image\ninput: text\n${classes}`, "task.yaml")).toThrow(
      /task\.yaml: input: programs of an image task read \{concept: score\} records/,
    );
    expect(() => parseTaskSpec(`name: birds\nkind: audio\n${classes}`, "task.yaml")).toThrow(/task\.yaml: kind: must be one of text, image/);
  });
});
