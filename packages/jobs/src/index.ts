export * from "./queues";
export * from "./apply-programs-payload";
export * from "./cancel-channel";
export * from "./parse-payload";
export * from "./import-dataset-payload";
export * from "./try-program-payload";
export * from "./preview-upload-payload";
export * from "./generate-programs-payload";
