// The train feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { TrainPage } from "./components/train-page";
export { onnxDownloadResponse, readModelView } from "./server/read-model";
export { startTraining } from "./server/start-training";
