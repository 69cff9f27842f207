import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenForm } from "@/components/tokens/create-token-form.tsx";
import { DataTable } from "@/components/ui/data-table.tsx";
import { Panel } from "@/components/ui/panel.tsx";
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
      <Panel headingId="tokens-heading" title="Your tokens">
        <DataTable
          labelledBy="tokens-heading"
          rows={tokens}
          rowKey={(t) => t.id}
          empty="You have no API tokens yet."
          rowClassName={(t) => (t.status === "active" ? "" : "bg-slate-50 text-slate-600")}
          columns={[
            {
              header: "Name",
              cell: (t) => (
                <>
                  <div className="font-medium text-slate-900">{t.name}</div>
                  <div className="font-mono text-xs text-slate-600">{t.prefix}…</div>
                </>
              ),
            },
            { header: "Scope", cell: (t) => TOKEN_SCOPE_LABELS[t.scope] },
            { header: "Created", className: "whitespace-nowrap", cell: (t) => <When value={t.createdAt} empty="" /> },
            { header: "Expires", className: "whitespace-nowrap", cell: (t) => <When value={t.expiresAt} empty="Never" /> },
            { header: "Last used", className: "whitespace-nowrap", cell: (t) => <When value={t.lastUsedAt} empty="Never used" /> },
            {
              header: "Status",
              className: "whitespace-nowrap",
              cell: (t) => (
                <>
                  {STATUS_LABELS[t.status]}
                  {t.revokedAt && (
                    <div className="text-xs">
                      <When value={t.revokedAt} empty="" />
                    </div>
                  )}
                </>
              ),
            },
            {
              header: "Actions",
              hideHeader: true,
              align: "right",
              cell: (t) => t.status !== "revoked" && <RevokeTokenButton tokenId={t.id} name={t.name} action={revokeToken} />,
            },
          ]}
        />
      </Panel>
    </div>
  );
}
