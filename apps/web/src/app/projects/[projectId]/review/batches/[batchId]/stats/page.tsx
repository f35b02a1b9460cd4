import type { Metadata } from "next";
import { StatsPage } from "@/features/review";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review agreement" };

export default async function Page({ params }: { params: Promise<{ projectId: string; batchId: string }> }) {
  const { projectId, batchId } = await params;
  return <StatsPage projectId={projectId} batchId={batchId} />;
}
