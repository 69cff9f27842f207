import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenForm } from "@/components/tokens/create-token-form.tsx";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button.tsx";
import { formatDateTime, isoDate } from "@/lib/format/dates.ts";
import { TOKEN_SCOPE_LABELS } from "@/lib/schemas/api.ts";
import { requireUser } from "@/lib/server/auth.ts";
import { can } from "@/lib/server/permissions.ts";
import { listApiTokens } from "@/lib/server/tokens/list-api-tokens.ts";
import { createToken, revokeToken } from "./actions.ts";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

const STATUS_LABELS = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;

function When({ value, empty }: { value: Date | null; empty: string }) {
  return value ? <time dateTime={isoDate(value)}>{formatDateTime(value)}</time> : <>{empty}</>;
}

export default async function ApiTokensPage() {
  const user = await requireUser("token.manage_own");
  const tokens = await listApiTokens({ actor: user });
  const mayWrite = can(user, "case.create");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Personal tokens let a chat bot or a script use the{" "}
          <Link href="/api/v1/openapi.json" className="text-indigo-700 underline">
            JSON API
          </Link>{" "}
          as you: a token never does more than your role allows, and stops working when you revoke it, when it expires or if your account is
          deactivated. Send it as <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </div>
      <section aria-labelledby="create-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="create-heading" className="mb-4 text-base font-semibold">
          Create a token
        </h2>
        <CreateTokenForm action={createToken} mayWrite={mayWrite} />
      </section>
      <section aria-labelledby="tokens-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="tokens-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">You have no API tokens yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  {["Name", "Scope", "Created", "Expires", "Last used", "Status"].map((h) => (
                    <th key={h} scope="col" className="px-4 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                  <th scope="col" className="px-4 py-2 text-right font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((t) => (
                  <tr key={t.id} className={t.status === "active" ? "" : "bg-slate-50 text-slate-600"}>
                    <td className="px-4 py-3">
                      <div className="font-medium text-slate-900">{t.name}</div>
                      <div className="font-mono text-xs text-slate-600">{t.prefix}…</div>
                    </td>
                    <td className="px-4 py-3">{TOKEN_SCOPE_LABELS[t.scope]}</td>
                    <td className="whitespace-nowrap px-4 py-3">
                      <When value={t.createdAt} empty="" />
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">
                      <When value={t.expiresAt} empty="Never" />
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">
                      <When value={t.lastUsedAt} empty="Never used" />
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">
                      {STATUS_LABELS[t.status]}
                      {t.revokedAt && (
                        <div className="text-xs">
                          <When value={t.revokedAt} empty="" />
                        </div>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right">
                      {t.status !== "revoked" && <RevokeTokenButton tokenId={t.id} name={t.name} action={revokeToken} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
