// The predict feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { PredictPage } from "./components/predict-page";
export { predictResultResponse } from "./server/open-predict-result";
export { predictRequest } from "./server/predict-request";
