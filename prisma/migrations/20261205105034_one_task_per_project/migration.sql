-- One task per project. Older code could create a second task for a project (a racing
-- save, or createTask beside saveProjectTask) and every reader took the newest, so the
-- newest is the task users saw: keep it (ties broken by id) and delete the rest.
DELETE FROM "Task" t
USING (
  SELECT "id", ROW_NUMBER() OVER (PARTITION BY "projectId" ORDER BY "createdAt" DESC, "id" DESC) AS rank
  FROM "Task"
) ranked
WHERE t."id" = ranked."id" AND ranked.rank > 1;

-- CreateIndex
CREATE UNIQUE INDEX "Task_projectId_key" ON "Task"("projectId");
