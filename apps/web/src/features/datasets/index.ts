// The datasets feature's server surface: what other features and routes may use on the server (services, server
// components, types). Client components import ./client instead; see "Feature surfaces" in DEVELOPERS.md.

export { DatasetRowsPage } from "./components/dataset-rows-page";
export { DatasetUploadPage } from "./components/dataset-upload-page";
export { saveUpload } from "./server/save-upload";
