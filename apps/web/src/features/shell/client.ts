// The shell feature's client surface: browser-safe exports (client components, hooks, pure helpers, server-action
// references) that any module may import. Nothing here may reach "server-only" code; see DEVELOPERS.md.

export { ErrorView } from "./components/error-view";
export { ForbiddenView } from "./components/forbidden-view";
export { FormError } from "./components/form-error";
export { LlmModelFields } from "./components/llm-model-fields";
export { MetricTerm } from "./components/metric-term";
export { NotFoundView } from "./components/not-found-view";
export { ProjectHeader } from "./components/project-header";
export { SubmitButton } from "./components/submit-button";
export { useHydrated } from "./components/use-hydrated";
