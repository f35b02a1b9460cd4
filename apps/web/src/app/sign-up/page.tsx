import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/features/account/client";
import { safeNext, getSignedInUser } from "@/features/auth";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNext((await searchParams).next);
  if (await getSignedInUser()) redirect(next);
  return <CredentialsForm mode="sign-up" next={next} />;
}
