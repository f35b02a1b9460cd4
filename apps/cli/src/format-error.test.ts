import { CommanderError } from "commander";
import { EngineError } from "@alchemist/engine";
import { describe, expect, it } from "vitest";
import { formatError } from "./format-error";

describe("formatError", () => {
  it("maps engine input errors to exit 2 and runtime errors to exit 1, on one line", () => {
    expect(formatError(new EngineError("TASK_INVALID", "task.yaml: classes:\n  needs 2"))).toEqual({ message: "task.yaml: classes: needs 2", exitCode: 2 });
    expect(formatError(new EngineError("RUNNER_FAILED", "child died"))).toEqual({ message: "child died", exitCode: 1 });
    expect(formatError(new Error("disk full"))).toEqual({ message: "disk full", exitCode: 1 });
  });

  it("prefixes the file from the error details when the message lacks it", () => {
    const error = new EngineError("DATASET_PARSE", "line 3: unclosed quote", { file: "d.csv" });
    expect(formatError(error).message).toBe("d.csv: line 3: unclosed quote");
  });

  it("treats help and version as success and other commander errors as usage errors", () => {
    expect(formatError(new CommanderError(0, "commander.helpDisplayed", "")).exitCode).toBe(0);
    expect(formatError(new CommanderError(1, "commander.unknownOption", "x")).exitCode).toBe(2);
  });
});
