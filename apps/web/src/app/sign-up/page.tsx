import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/features/auth/components/credentials-form";
import { safeNext } from "@/features/auth/server/auth-error";
import { getSignedInUser } from "@/features/auth/server/get-signed-in-user";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNext((await searchParams).next);
  if (await getSignedInUser()) redirect(next);
  return <CredentialsForm mode="sign-up" next={next} />;
}
