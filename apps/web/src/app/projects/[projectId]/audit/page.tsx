import type { Metadata } from "next";
import { AuditPage } from "@/features/audit";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

export default async function Page({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<{ after?: string }> }) {
  const [{ projectId }, { after }] = await Promise.all([params, searchParams]);
  return <AuditPage projectId={projectId} cursor={typeof after === "string" ? after : null} />;
}
