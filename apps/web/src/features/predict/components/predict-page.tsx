import { getEnv } from "@/env";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { getDefaultModel } from "../server/get-default-model";
import { getModelInputs } from "../server/get-model-inputs";
import { LabelNewDataForm } from "./label-new-data-form";

/**
 * `/projects/[projectId]/predict`: label new rows with a distilled model, as `alchemist predict` does.
 *
 * @example
 * <PredictPage projectId={projectId} />
 */
export async function PredictPage({ projectId }: { projectId: string }) {
  const project = await getProjectHeader(projectId);
  const [trained, inputs] = await Promise.all([getDefaultModel(projectId), getModelInputs(projectId)]);
  return (
    <article data-testid="predict-page" className="space-y-6">
      <ProjectHeader project={project} current="predict" title="Label new data" />
      <p className="max-w-3xl text-sm text-slate-600">
        The distilled model labels anything new for free: its metadata carries the input column(s), the features and the class names, so the data file needs
        those input column(s), under any name: pick a file and map its columns. The worker runs the model; the labels file has one row per data row.
      </p>
      <LabelNewDataForm projectId={projectId} maxBytes={getEnv().UPLOAD_MAX_BYTES} trained={trained} inputs={inputs} />
    </article>
  );
}
