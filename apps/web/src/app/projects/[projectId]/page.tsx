import { ProjectPage } from "@/features/projects";

export const dynamic = "force-dynamic";

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  return <ProjectPage projectId={projectId} searchParams={await searchParams} />;
}
