import Link from "next/link";
import { getSignedInUser } from "../server/get-signed-in-user";
import { signOutAction } from "../actions";

/**
 * The header's account corner: the signed-in email with Account and Sign out, or a Sign in link.
 *
 * @example
 * <UserMenu />
 */
export async function UserMenu() {
  const user = await getSignedInUser();
  if (!user) {
    return (
      <Link href="/sign-in" className="text-sm text-slate-600 hover:text-slate-900">
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-4 text-sm text-slate-600">
      <Link href="/account" prefetch={false} data-testid="user-email" className="hover:text-slate-900">
        {user.email}
      </Link>
      <form action={signOutAction}>
        <button type="submit" data-testid="sign-out" className="hover:text-slate-900">
          Sign out
        </button>
      </form>
    </div>
  );
}
