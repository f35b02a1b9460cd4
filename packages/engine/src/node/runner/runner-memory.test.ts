import { afterAll, describe, expect, it } from "vitest";
import { createLocalRunner } from "./create-local-runner";
import { JS_KEYWORD, js } from "./runner-fixtures";

const runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 5000, memoryMb: 64 });
afterAll(() => runner.close());

describe("createLocalRunner memory", () => {
  it("records a memory fault when a JS program exhausts the child's heap, then carries on", async () => {
    const bomb = js("js_bomb", "function label_function(t) {\n  const a = [];\n  for (;;) a.push(new Array(1e5).fill(t));\n}\n");
    const { L, meta } = await runner.apply([bomb, JS_KEYWORD], ["free", "a very long message"], { classNames: ["ham", "spam"] });
    expect(Array.from(L.values)).toEqual([-1, 1, -1, 0]);
    expect(meta[0]!.faults).toEqual({ memory: 2 });
    expect(meta[0]!.firstError).toMatch(/ran out of memory/);
    expect(meta[1]!.faults).toEqual({});
  });
});
