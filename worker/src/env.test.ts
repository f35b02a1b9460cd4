import { describe, expect, it } from "vitest";
import { readWorkerEnv, WorkerEnvError } from "./env";

const base = { DATABASE_URL: "postgresql://root@127.0.0.1:5432/alchemist" };
const key = Buffer.alloc(32, 7).toString("base64");

describe("readWorkerEnv", () => {
  it("starts in development without SECRETS_KEY (the public dev key stands in)", () => {
    expect(readWorkerEnv({ ...base, SECRETS_KEY: "" }).SECRETS_KEY).toBeUndefined();
  });

  it("refuses production without SECRETS_KEY, naming the variable and how to make one", () => {
    for (const SECRETS_KEY of [undefined, ""]) {
      const read = () => readWorkerEnv({ ...base, NODE_ENV: "production", ...(SECRETS_KEY === undefined ? {} : { SECRETS_KEY }) });
      expect(read).toThrow(WorkerEnvError);
      expect(read).toThrow(/SECRETS_KEY: is not set.*openssl rand -base64 32/);
    }
    expect(readWorkerEnv({ ...base, NODE_ENV: "production", SECRETS_KEY: key }).SECRETS_KEY).toBe(key);
  });

  it("lists every problem at once", () => {
    try {
      readWorkerEnv({ NODE_ENV: "production", SECRETS_KEY: "short" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkerEnvError);
      const problems = (error as WorkerEnvError).problems.join("\n");
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/SECRETS_KEY must be 32 bytes/);
    }
  });
});
