// The editor worker (diffing, word-based suggestions, link detection) as its own module worker
// bundled from node_modules, so Monaco never fetches worker code from a CDN.
import "monaco-editor/editor/editor.worker.js";
