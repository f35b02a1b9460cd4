import type { Metadata } from "next";
import { RunsPage } from "@/features/runs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

export default async function Page({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ page?: string }> }) {
  const { projectId } = await params;
  const page = Number.parseInt((await searchParams).page ?? "1", 10);
  return <RunsPage projectId={projectId} page={Number.isFinite(page) ? page - 1 : 0} />;
}
