import type { Metadata } from "next";
import { BatchLabelPage } from "@/features/review";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review batch" };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; batchId: string }>;
  searchParams: Promise<{ page?: string; all?: string }>;
}) {
  const { projectId, batchId } = await params;
  const query = await searchParams;
  const page = Number.parseInt(query.page ?? "0", 10);
  return (
    <BatchLabelPage projectId={projectId} batchId={batchId} page={Number.isInteger(page) && page >= 0 && page < 1000 ? page : 0} all={query.all === "1"} />
  );
}
