import { requireUserPage } from "@/features/auth";
import { revokeApiTokenAction } from "../actions";
import { getAccount } from "../server/account-service";
import { NewTokenForm, PasswordForm } from "./account-forms";

const when = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : "never");

/**
 * `/account`: password change and personal API tokens (for the CLI and the REST API).
 *
 * @example
 * <AccountPage />
 */
export async function AccountPage() {
  const { userId } = await requireUserPage();
  const account = await getAccount(userId);
  return (
    <article data-testid="account-page" className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="mt-1 text-slate-600">{account.email}</p>
      </header>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">Password</h2>
        <PasswordForm />
      </section>
      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">API tokens</h2>
        <p className="text-sm text-slate-600">
          Send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> to <code className="font-mono">/api/…</code>, or use{" "}
          <code className="font-mono">alchemist studio projects --url … --token …</code>. A token acts as you in every project you belong to.
        </p>
        <NewTokenForm />
        {account.tokens.length > 0 && (
          <table data-testid="tokens-table" className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2">Name</th>
                <th>Token</th>
                <th>Created (UTC)</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {account.tokens.map((t) => (
                <tr key={t.id} data-testid="token-row">
                  <td className="py-2 font-medium">{t.name}</td>
                  <td className="font-mono text-xs">{t.prefix}…</td>
                  <td className="text-slate-500">{when(t.createdAt)}</td>
                  <td className="text-slate-500">{when(t.lastUsedAt)}</td>
                  <td className="text-right">
                    {t.revokedAt ? (
                      <span className="text-xs text-slate-400">revoked</span>
                    ) : (
                      <form action={revokeApiTokenAction}>
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" className="text-xs text-rose-700 hover:underline">
                          Revoke
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
