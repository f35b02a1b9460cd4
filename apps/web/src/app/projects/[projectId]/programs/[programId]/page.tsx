import type { Metadata } from "next";
import { ProgramPage } from "@/features/programs";
import { programTitle } from "@/features/shell";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ projectId: string; programId: string }> }): Promise<Metadata> {
  const { projectId, programId } = await params;
  return { title: await programTitle(projectId, programId) };
}

const int = (value: string | undefined): number | undefined => {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) ? n : undefined;
};

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; programId: string }>;
  searchParams: Promise<{ version?: string; from?: string; to?: string }>;
}) {
  const { projectId, programId } = await params;
  const query = await searchParams;
  const from = int(query.from);
  const to = int(query.to);
  return (
    <ProgramPage
      projectId={projectId}
      programId={programId}
      version={int(query.version)}
      compare={from !== undefined && to !== undefined ? { from, to } : undefined}
    />
  );
}
