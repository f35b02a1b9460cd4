export * from "./create-test-database";
export * from "./seed-demo";
