import { getEnv } from "@/env";
import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { UploadDataset } from "./upload-dataset";
import { getUploadTaskClasses, getUploadTaskMultiLabel } from "../server/get-upload-task-classes";
import { authorizeProjectPage } from "@/features/auth";

/**
 * `/projects/[projectId]/datasets/new`: upload a file, map its columns, import it (editors and
 * owners; the other roles get the 403 page).
 *
 * @example
 * <DatasetUploadPage projectId={projectId} />
 */
export async function DatasetUploadPage({ projectId }: { projectId: string }) {
  const project = await getProjectHeader(projectId);
  await authorizeProjectPage(projectId, "edit");
  const [taskClasses, multiLabel] = await Promise.all([getUploadTaskClasses(projectId), getUploadTaskMultiLabel(projectId)]);
  return (
    <article data-testid="dataset-upload-page" className="space-y-6">
      <ProjectHeader project={project} current="data" title="Import a dataset" />
      <UploadDataset projectId={projectId} taskClasses={taskClasses} multiLabel={multiLabel} maxBytes={getEnv().UPLOAD_MAX_BYTES} />
    </article>
  );
}
