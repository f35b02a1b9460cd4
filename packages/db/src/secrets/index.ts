export * from "./secrets-key";
export * from "./secret-cipher";
export * from "./redact-secrets";
