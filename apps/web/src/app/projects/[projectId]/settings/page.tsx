import type { Metadata } from "next";
import { SettingsPage } from "@/features/settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings" };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <SettingsPage projectId={projectId} />;
}
