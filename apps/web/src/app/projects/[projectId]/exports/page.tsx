import type { Metadata } from "next";
import { ExportsPage } from "@/features/exports";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Exports" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <ExportsPage projectId={projectId} />;
}
