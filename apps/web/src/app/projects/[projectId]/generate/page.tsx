import type { Metadata } from "next";
import { GeneratePage } from "@/features/generate";
import { SweepPanel } from "@/features/sweep";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Generate programs" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <GeneratePage projectId={projectId} sweepPanel={(props) => <SweepPanel projectId={projectId} {...props} />} />;
}
