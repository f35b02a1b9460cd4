import type { Metadata } from "next";
import { BatchesPage } from "@/features/review";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Team review" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <BatchesPage projectId={projectId} />;
}
