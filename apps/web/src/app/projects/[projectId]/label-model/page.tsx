import type { Metadata } from "next";
import { LabelModelPage } from "@/features/label-model";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Label model" };

export default async function Page({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ run?: string | string[] }> }) {
  const { projectId } = await params;
  const run = (await searchParams).run;
  const runId = typeof run === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(run) ? run : undefined;
  return <LabelModelPage projectId={projectId} runId={runId} />;
}
