import type { Metadata } from "next";
import { AnalysisPage } from "@/features/analysis";
import { runPageTitle } from "@/features/runs";
import { parseAnalysisSearch } from "@/features/analysis/client";

export const dynamic = "force-dynamic";
export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}): Promise<Metadata> {
  const { runId } = parseAnalysisSearch(await searchParams);
  return { title: await runPageTitle((await params).projectId, "Analysis", { runId }) };
}

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
