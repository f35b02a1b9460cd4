import type { Metadata } from "next";
import { ReviewPage, QueueParams } from "@/features/review";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review" };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const query = await searchParams;
  const parsed = QueueParams.safeParse({ order: query.order, split: query.split, cursor: query.cursor, gold: query.gold });
  return <ReviewPage projectId={projectId} params={parsed.success ? parsed.data : QueueParams.parse({})} />;
}
