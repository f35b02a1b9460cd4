import Link from "next/link";
import { getSignedInUser } from "@/features/auth";
import { getInvitationView } from "../server/members-service";
import { AcceptInvitationForm } from "./member-forms";

/**
 * `/invite/[token]`: what the link grants; signed-in visitors join, others sign in or up first
 * and come back here.
 *
 * @example
 * <InvitationPage token={token} />
 */
export async function InvitationPage({ token }: { token: string }) {
  const [view, user] = await Promise.all([getInvitationView(token), getSignedInUser()]);
  const back = encodeURIComponent(`/invite/${token}`);
  return (
    <article data-testid="invitation-page" className="mx-auto mt-8 max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold tracking-tight">Project invitation</h1>
      {!view.ok ? (
        <p role="alert" data-testid="invitation-invalid" className="text-rose-700">
          {view.reason}
        </p>
      ) : (
        <>
          <p>
            You are invited to <strong>{view.projectName}</strong> as <strong>{view.role.toLowerCase()}</strong>.
          </p>
          {user ? (
            <>
              <p className="text-sm text-slate-500">Signed in as {user.email}.</p>
              <AcceptInvitationForm token={token} />
            </>
          ) : (
            <p className="text-sm">
              <Link href={`/sign-in?next=${back}`} className="text-indigo-700 hover:underline">
                Sign in
              </Link>{" "}
              or{" "}
              <Link href={`/sign-up?next=${back}`} className="text-indigo-700 hover:underline">
                create an account
              </Link>{" "}
              to join.
            </p>
          )}
        </>
      )}
    </article>
  );
}
