import { DatasetRowsPage } from "@/features/datasets/components/dataset-rows-page";

export const dynamic = "force-dynamic";

export default async function Page({ params, searchParams }: { params: Promise<{ projectId: string; datasetId: string }>; searchParams: Promise<{ page?: string }> }) {
  const { projectId, datasetId } = await params;
  const page = Number.parseInt((await searchParams).page ?? "1", 10);
  return <DatasetRowsPage projectId={projectId} datasetId={datasetId} page={Number.isFinite(page) ? page - 1 : 0} />;
}
