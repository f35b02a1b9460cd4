import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskSpec } from "../../core/task";
import { loadPrograms } from "./load-programs";

const task: TaskSpec = {
  name: "spam",
  description: "",
  input: "text",
  language: "python",
  functionName: "vote",
  classes: [
    { name: "ham", description: "" },
    { name: "spam", description: "" },
  ],
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "load-programs-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}

describe("loadPrograms", () => {
  it("loads .py and .js programs sorted by name, ignoring other files and dotfiles", async () => {
    const dir = await folder("ok", {
      "zeta.py": "def vote(x):\n    return -1\n",
      "alpha-1.js": "function vote(x) { return 0; }",
      "README.md": "notes",
      ".hidden.py": "x",
    });
    await mkdir(join(dir, "sub.py"));
    expect(await loadPrograms(dir, task)).toEqual([
      { name: "alpha-1", language: "javascript", source: "function vote(x) { return 0; }", functionName: "vote" },
      { name: "zeta", language: "python", source: "def vote(x):\n    return -1\n", functionName: "vote" },
    ]);
  });

  it("rejects a missing folder, a file, and a folder without programs, naming it", async () => {
    const missing = join(root, "missing");
    await expect(loadPrograms(missing, task)).rejects.toMatchObject({ code: "PROGRAMS_DIR_INVALID", message: expect.stringContaining(missing) });
    const dir = await folder("notes", { "a.txt": "x" });
    await expect(loadPrograms(join(dir, "a.txt"), task)).rejects.toThrow(/a\.txt is a file, not a folder/);
    await expect(loadPrograms(dir, task)).rejects.toThrow(`programs folder ${dir} holds no .py or .js programs`);
  });

  it("rejects duplicate and badly named programs", async () => {
    const dup = await folder("dup", { "kw.py": "", "kw.js": "" });
    await expect(loadPrograms(dup, task)).rejects.toThrow(/two programs are named "kw" \(kw\.(py|js) and kw\.(py|js)\)/);
    const bad = await folder("bad", { "my program.py": "" });
    await expect(loadPrograms(bad, task)).rejects.toThrow(/program name "my program" may only use/);
  });
});
