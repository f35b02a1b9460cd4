import type { Metadata } from "next";
import { AnalysisPage } from "@/features/analysis/components/analysis-page";
import { parseAnalysisSearch } from "@/features/analysis/parse-analysis-search";

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
