import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTinyClipModel } from "./write-tiny-clip-model";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-tiny-clip-"));
  await writeTinyClipModel(join(dir, "a"), { seed: 5 });
  await writeTinyClipModel(join(dir, "b"), { seed: 5 });
  await writeTinyClipModel(join(dir, "c"), { seed: 6 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const hasOnnx = spawnSync("python3", ["-c", "import onnx"]).status === 0;

describe("writeTinyClipModel", () => {
  it("is deterministic for a seed and differs across seeds", async () => {
    for (const file of ["image_encoder.onnx", "text_encoder.onnx", "config.json", "bpe_simple_vocab_16e6.txt"]) {
      expect(Buffer.compare(await readFile(join(dir, "a", file)), await readFile(join(dir, "b", file)))).toBe(0);
    }
    expect(Buffer.compare(await readFile(join(dir, "a", "image_encoder.onnx")), await readFile(join(dir, "c", "image_encoder.onnx")))).not.toBe(0);
  });

  it.skipIf(!hasOnnx)("passes onnx.checker with full_check (needs python3 with onnx)", () => {
    const script = "import onnx, sys\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint('ok')";
    const result = spawnSync("python3", ["-c", script, join(dir, "a", "image_encoder.onnx"), join(dir, "a", "text_encoder.onnx")], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("ok");
  });
});
