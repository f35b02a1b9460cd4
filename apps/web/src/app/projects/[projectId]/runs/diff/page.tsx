import type { Metadata } from "next";
import Link from "next/link";
import { RunDiffPage, runPageTitle } from "@/features/runs";
import { parseDiffQuery } from "@/features/runs/client";
import { authorizeProjectPage } from "@/features/auth";

export const dynamic = "force-dynamic";
export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ a?: string | string[]; b?: string | string[] }>;
}): Promise<Metadata> {
  const query = parseDiffQuery(await searchParams);
  return { title: await runPageTitle((await params).projectId, "Compare runs", { compare: query.ok ? [query.a, query.b] : undefined }) };
}

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ a?: string | string[]; b?: string | string[] }>;
}) {
  const { projectId } = await params;
  await authorizeProjectPage(projectId, "read");
  const query = parseDiffQuery(await searchParams);
  if (!query.ok) {
    return (
      <p data-testid="diff-error" className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600">
        {query.error}{" "}
        <Link href={`/projects/${projectId}/runs`} className="text-indigo-700 hover:underline">
          Back to the runs
        </Link>
      </p>
    );
  }
  return <RunDiffPage projectId={projectId} a={query.a} b={query.b} />;
}
