import type { Metadata } from "next";
import { ProgramPage } from "@/features/programs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New program" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ProgramPage projectId={projectId} programId={null} />;
}
