import type { Metadata } from "next";
import { DatasetRowsPage } from "@/features/datasets";
import { datasetTitle } from "@/features/shell";
import { parseRowsQuery } from "@/features/datasets/client";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ projectId: string; datasetId: string }> }): Promise<Metadata> {
  const { projectId, datasetId } = await params;
  return { title: await datasetTitle(projectId, datasetId) };
}

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; datasetId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId, datasetId } = await params;
  return <DatasetRowsPage projectId={projectId} datasetId={datasetId} query={parseRowsQuery(await searchParams)} />;
}
