import { getProjectHeader } from "@/features/projects/server/get-project-header";
import { ProjectHeader } from "@/features/projects/components/project-header";
import { getTaskForm } from "../server/get-task-form";
import { TaskForm } from "./task-form";

/**
 * `/projects/[projectId]/task`: define or edit the labeling task.
 *
 * @example
 * <TaskPage projectId={projectId} />
 */
export async function TaskPage({ projectId }: { projectId: string }) {
  const project = await getProjectHeader(projectId);
  const form = await getTaskForm(projectId, project.name);
  return (
    <article data-testid="task-page" className="space-y-6">
      <ProjectHeader project={project} current="task" title={form.saved ? "Task" : "Define the task"} />
      <TaskForm projectId={projectId} initial={form} />
    </article>
  );
}
