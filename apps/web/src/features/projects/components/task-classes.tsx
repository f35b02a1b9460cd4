import Link from "next/link";
import type { ProjectOverview } from "../server/get-project-overview";
import { Card } from "./card";

/**
 * The labeling task(s) with their classes in class-index order; with `canEdit` (editors, owners)
 * the links offer to define or edit the task, otherwise to view it.
 *
 * @example
 * <TaskClasses tasks={project.tasks} projectId={id} canEdit />
 */
export function TaskClasses({ tasks, projectId, canEdit = false }: { tasks: ProjectOverview["tasks"]; projectId?: string; canEdit?: boolean }) {
  return (
    <Card title="Task" testId="task-classes">
      {tasks.length === 0 && (
        <p className="text-sm text-slate-500">
          No task defined yet.{" "}
          {projectId && canEdit && (
            <Link prefetch={false} href={`/projects/${projectId}/task`} data-testid="define-task" className="font-medium text-indigo-700 hover:underline">
              Define the task
            </Link>
          )}
        </p>
      )}
      {tasks.map((task) => (
        <div key={task.id}>
          <p className="flex items-baseline justify-between">
            <span className="font-medium">{task.name}</span>
            {projectId && (
              <Link prefetch={false} href={`/projects/${projectId}/task`} className="text-sm text-indigo-700 hover:underline">
                {canEdit ? "Edit" : "View"}
              </Link>
            )}
          </p>
          {task.description && <p className="mt-0.5 text-sm text-slate-600">{task.description}</p>}
          <ul className="mt-3 space-y-1.5">
            {task.classes.map((taskClass, index) => (
              <li key={taskClass.name} data-testid="task-class" className="flex gap-2 text-sm">
                <span className="rounded bg-indigo-50 px-1.5 font-mono text-xs leading-5 text-indigo-700">{index}</span>
                <span className="font-medium">{taskClass.name}</span>
                {taskClass.description && <span className="text-slate-500">— {taskClass.description}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Card>
  );
}
