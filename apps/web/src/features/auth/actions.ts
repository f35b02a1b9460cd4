"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "./server/auth";

// Public by nature (a signed-out caller has no session to end); listed as such in the access tests.
// Sign-in and sign-up live in the account feature: they accept invitations, and members depends on auth.

/** Ends the current session (deletes it server-side) and goes to /sign-in. */
export async function signOutAction(): Promise<void> {
  try {
    await getAuth().api.signOut({ headers: await headers() });
  } catch {
    // Already signed out (no or expired session): nothing to end.
  }
  redirect("/sign-in");
}
