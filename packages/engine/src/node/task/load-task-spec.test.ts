import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTaskSpec } from "./load-task-spec";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "load-task-spec-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loadTaskSpec", () => {
  it("reads a YAML task file", async () => {
    const path = join(dir, "task.yaml");
    await writeFile(path, "\uFEFFname: spam\ninput: [title, body]\nfunction: vote\nclasses:\n  - {name: ham}\n  - {name: spam}\n");
    const task = await loadTaskSpec(path);
    expect(task.functionName).toBe("vote");
    expect(task.input).toEqual(["title", "body"]);
    expect(task.classes.map((c) => c.name)).toEqual(["ham", "spam"]);
  });

  it("names the path in errors", async () => {
    const path = join(dir, "bad.yaml");
    await writeFile(path, "name: spam\nclasses:\n  - {name: ham}\n  - {description: x}\n");
    await expect(loadTaskSpec(path)).rejects.toThrow(`${path}: classes[1].name: required`);
    await expect(loadTaskSpec(join(dir, "none.yaml"))).rejects.toMatchObject({ code: "TASK_INVALID", message: expect.stringContaining("none.yaml") });
  });
});
