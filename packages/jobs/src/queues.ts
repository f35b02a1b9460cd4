/**
 * BullMQ queue names shared by producers (web, tests) and the worker.
 *
 * @example
 * new Queue(QUEUES.applyPrograms, { connection });
 */
export const QUEUES = { applyPrograms: "apply-programs", applyChunk: "apply-chunk", importDataset: "import-dataset", tryProgram: "try-program", previewUpload: "preview-upload", generatePrograms: "generate-programs", predict: "predict", refineProgram: "refine-program", fitLabelModels: "fit-label-models", trainModel: "train-model", export: "export", reviewOrder: "review-order", runDiff: "run-diff" } as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
