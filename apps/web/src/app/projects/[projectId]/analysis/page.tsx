import type { Metadata } from "next";
import { AnalysisPage } from "@/features/analysis";
import { parseAnalysisSearch } from "@/features/analysis/client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Analysis" };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const { runId, click, page } = parseAnalysisSearch(await searchParams);
  return <AnalysisPage projectId={projectId} runId={runId} click={click} page={page} />;
}
