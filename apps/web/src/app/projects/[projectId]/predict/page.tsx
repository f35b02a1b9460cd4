import type { Metadata } from "next";
import { PredictPage } from "@/features/predict";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Label new data" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <PredictPage projectId={projectId} />;
}
