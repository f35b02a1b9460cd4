import type { Metadata } from "next";
import { DatasetUploadPage } from "@/features/datasets";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import a dataset" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <DatasetUploadPage projectId={projectId} />;
}
