import type { Metadata } from "next";
import { JobsPage } from "@/features/jobs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <JobsPage projectId={projectId} />;
}
