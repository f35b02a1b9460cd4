import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/features/account/client";
import { safeNext, getSignedInUser } from "@/features/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNext((await searchParams).next);
  if (await getSignedInUser()) redirect(next);
  return <CredentialsForm mode="sign-in" next={next} />;
}
