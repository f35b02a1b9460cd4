import { ProgramPage } from "@/features/programs/components/program-page";

export const dynamic = "force-dynamic";

export default async function Page({ params, searchParams }: { params: Promise<{ projectId: string; programId: string }>; searchParams: Promise<{ version?: string }> }) {
  const { projectId, programId } = await params;
  const version = Number.parseInt((await searchParams).version ?? "", 10);
  return <ProgramPage projectId={projectId} programId={programId} version={Number.isFinite(version) ? version : undefined} />;
}
