export * from "./queues";
export * from "./apply-programs-payload";
export * from "./cancel-channel";
