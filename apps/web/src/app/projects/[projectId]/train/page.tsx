import type { Metadata } from "next";
import { TrainPage } from "@/features/train";
import { runPageTitle } from "@/features/runs";

export const dynamic = "force-dynamic";
const id = (x: string | string[] | undefined) => (typeof x === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(x) ? x : undefined);

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ run?: string | string[]; model?: string | string[] }>;
}): Promise<Metadata> {
  const search = await searchParams;
  return { title: await runPageTitle((await params).projectId, "Train", { runId: id(search.run), modelId: id(search.model) }) };
}

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ run?: string | string[]; model?: string | string[] }>;
}) {
  const { projectId } = await params;
  const search = await searchParams;
  return <TrainPage projectId={projectId} runId={id(search.run)} modelId={id(search.model)} />;
}
