import type { Metadata } from "next";
import { TaskPage } from "@/features/task";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Task" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <TaskPage projectId={projectId} />;
}
