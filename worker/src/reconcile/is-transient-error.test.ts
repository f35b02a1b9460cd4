import { describe, expect, it } from "vitest";
import { isTransientError } from "./is-transient-error";

describe("isTransientError", () => {
  it("recognises restarts and dropped connections anywhere in the cause chain", () => {
    expect(isTransientError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isTransientError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isTransientError(
        new Error("query failed", { cause: { kind: "postgres", code: "57P01", message: "terminating connection due to administrator command" } }),
      ),
    ).toBe(true);
    expect(isTransientError(new Error("wrapped", { cause: { kind: "DatabaseNotReachable" } }))).toBe(true);
    expect(isTransientError(Object.assign(new Error("Can't reach database server"), { code: "P1001" }))).toBe(true);
    expect(isTransientError(new AggregateError([new Error("x"), Object.assign(new Error("reset"), { code: "ECONNRESET" })]))).toBe(true);
  });

  it("leaves failures of the input alone", () => {
    expect(isTransientError(new Error("big.csv line 3: unterminated quote"))).toBe(false);
    expect(isTransientError(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isTransientError(new Error("x", { cause: { kind: "UniqueConstraintViolation" } }))).toBe(false);
    expect(isTransientError("ECONNREFUSED as a string is not an error object")).toBe(false);
    expect(isTransientError(null)).toBe(false);
    const loop: { message: string; cause?: unknown } = { message: "loop" };
    loop.cause = loop;
    expect(isTransientError(loop)).toBe(false);
  });
});
