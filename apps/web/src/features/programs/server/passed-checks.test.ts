import { describe, expect, it } from "vitest";
import { createPassedChecks } from "./passed-checks";

const code = (source: string, language = "python", functionName = "label_function") => ({ language, functionName, source });

describe("createPassedChecks", () => {
  it("knows exactly the code it was told passed: any change to source, language or function name is new", () => {
    const passed = createPassedChecks(10);
    passed.add(code("def label_function(x):\n    return 1\n"));
    expect(passed.has(code("def label_function(x):\n    return 1\n"))).toBe(true);
    expect(passed.has(code("def label_function(x):\n    return 1  # v2\n"))).toBe(false);
    expect(passed.has(code("def label_function(x):\n    return 1\n", "javascript"))).toBe(false);
    expect(passed.has(code("def label_function(x):\n    return 1\n", "python", "other"))).toBe(false);
  });

  it("keeps at most max entries, dropping the least recently used", () => {
    const passed = createPassedChecks(2);
    passed.add(code("a"));
    passed.add(code("b"));
    expect(passed.has(code("a"))).toBe(true); // a is now the most recent
    passed.add(code("c"));
    expect(passed.has(code("b"))).toBe(false);
    expect(passed.has(code("a"))).toBe(true);
    expect(passed.has(code("c"))).toBe(true);
  });

  it("refuses a size that is not a positive whole number", () => {
    expect(() => createPassedChecks(0)).toThrow(/positive whole number of entries, got 0/);
  });
});
