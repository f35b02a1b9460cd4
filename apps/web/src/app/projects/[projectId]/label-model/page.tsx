import type { Metadata } from "next";
import { LabelModelPage } from "@/features/label-model";
import { runPageTitle } from "@/features/runs";

export const dynamic = "force-dynamic";
const runParam = (run: string | string[] | undefined) => (typeof run === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(run) ? run : undefined);

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ run?: string | string[] }>;
}): Promise<Metadata> {
  return { title: await runPageTitle((await params).projectId, "Label model", { runId: runParam((await searchParams).run) }) };
}

export default async function Page({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ run?: string | string[] }> }) {
  const { projectId } = await params;
  return <LabelModelPage projectId={projectId} runId={runParam((await searchParams).run)} />;
}
