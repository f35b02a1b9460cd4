import type { Metadata } from "next";
import { InvitationPage } from "@/features/members";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation" };

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InvitationPage token={token} />;
}
