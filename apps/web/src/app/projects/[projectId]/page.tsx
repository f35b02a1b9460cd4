import { ProjectPage } from "@/features/projects/components/project-page";

export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ProjectPage projectId={projectId} />;
}
