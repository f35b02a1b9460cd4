import type { Metadata } from "next";
import { AdjudicatePage } from "@/features/review";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Adjudicate" };

export default async function Page({ params }: { params: Promise<{ projectId: string; batchId: string }> }) {
  const { projectId, batchId } = await params;
  return <AdjudicatePage projectId={projectId} batchId={batchId} />;
}
