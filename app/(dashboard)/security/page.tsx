import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LiftThrottleButton, LiftThrottleForm, RequirementForm } from "@/components/security/security-forms.tsx";
import { Pagination } from "@/components/ui/pagination.tsx";
import { formatDateTime, isoDate } from "@/lib/format/dates.ts";
import { requireUser } from "@/lib/server/auth.ts";
import { can } from "@/lib/server/permissions.ts";
import { listActiveThrottles, listSecurityLog } from "@/lib/server/security-log/list-security-log.ts";
import { SECURITY_LOG_RETENTION_DAYS } from "@/lib/server/security-log/record-security-event.ts";
import { getTwoFactorCoverage } from "@/lib/server/two-factor/list-two-factor-coverage.ts";
import { lift, setRequirement } from "./actions.ts";

export const metadata: Metadata = { title: "Security" };
export const dynamic = "force-dynamic";

const KIND_LABELS: Record<string, string> = {
  unknown_account: "Sign-in with an unknown email",
  throttled: "Throttled",
};

function When({ value }: { value: Date }) {
  return <time dateTime={isoDate(value)}>{formatDateTime(value)}</time>;
}

function Digest({ value }: { value: string | null }) {
  return value ? (
    <code className="font-mono text-xs" title="Keyed hash of what was typed: the same text always gives the same value">
      {value.slice(0, 12)}
    </code>
  ) : (
    <>—</>
  );
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser();
  if (!can(user, "security.manage")) notFound();
  const params = await searchParams;
  const [coverage, throttles, log] = await Promise.all([
    getTwoFactorCoverage({ actor: user }),
    listActiveThrottles({ actor: user }),
    listSecurityLog({ actor: user, input: { page: params.page } }),
  ]);
  const th = "px-4 py-2 font-medium";
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Security</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Two-factor sign-in for the team, sign-in throttles, and the security log. Sign-ins and failed sign-ins of team accounts are in the
          audit log, by account; attempts on emails that have no account are only here, as a keyed hash of what was typed, and are forgotten
          after {SECURITY_LOG_RETENTION_DAYS} days.
        </p>
      </div>

      <section aria-labelledby="two-factor-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="two-factor-heading" className="mb-2 text-base font-semibold">
          Two-factor sign-in
        </h2>
        <p className="mb-4 text-sm text-slate-700">
          {coverage.required ? "Required for every team member." : "Not required."}{" "}
          {coverage.without.length === 0
            ? "Every active team member has set it up."
            : `${coverage.without.length} of ${coverage.active} active team members have not set it up: ${coverage.without.map((u) => u.name).join(", ")}.`}
        </p>
        <RequirementForm action={setRequirement} required={coverage.required} />
      </section>

      <section aria-labelledby="throttles-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="throttles-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          Sign-in throttles now
        </h2>
        <p className="px-4 pt-3 text-sm text-slate-600">
          After 5 failed sign-ins within 15 minutes, an account or an address waits 1 minute, then twice as long after each further failure
          (up to 60 minutes).
        </p>
        <LiftThrottleForm action={lift}>
          {throttles.length === 0 ? (
            <p className="px-4 py-4 text-sm text-slate-600">Nobody is throttled.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="mt-2 w-full text-left text-sm">
                <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className={th}>
                      Throttled
                    </th>
                    <th scope="col" className={th}>
                      Until
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {throttles.map((t) => {
                    const label =
                      t.scope === "address"
                        ? `address ${t.address ?? "unknown"}`
                        : t.user
                          ? `${t.user.name} (${t.user.email})`
                          : `an unknown email (${t.identifierHash?.slice(0, 12)})`;
                    return (
                      <tr key={t.id}>
                        <td className="px-4 py-3">{t.scope === "address" ? `Address ${t.address ?? "unknown"}` : `Account: ${label}`}</td>
                        <td className="whitespace-nowrap px-4 py-3">
                          <When value={t.until} />
                        </td>
                        <td className="px-4 py-3">
                          <LiftThrottleButton entryId={t.id} label={label} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </LiftThrottleForm>
      </section>

      <section aria-labelledby="log-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="log-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          Security log
        </h2>
        {log.entries.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-600">Nothing in the last {SECURITY_LOG_RETENTION_DAYS} days.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  {["When", "What", "Address", "Email typed (keyed hash)", "Details"].map((h) => (
                    <th key={h} scope="col" className={th}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {log.entries.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap px-4 py-3">
                      <When value={e.occurredAt} />
                    </td>
                    <td className="px-4 py-3">{KIND_LABELS[e.kind] ?? e.kind}</td>
                    <td className="px-4 py-3 font-mono text-xs">{e.address ?? "unknown"}</td>
                    <td className="px-4 py-3">
                      <Digest value={e.identifierHash} />
                    </td>
                    <td className="px-4 py-3 text-slate-700">
                      {e.kind === "throttled" && (
                        <>
                          {e.scope === "address" ? "The address" : e.user ? e.user.name : "The email"} waits until{" "}
                          {e.until ? <When value={e.until} /> : "—"}
                          {e.liftedAt && (
                            <>
                              {" "}
                              (lifted <When value={e.liftedAt} />)
                            </>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          page={log.page}
          pageCount={log.pageCount}
          total={log.total}
          noun={["entry", "entries"]}
          href={(page) => `/security?page=${page}`}
        />
      </section>
    </div>
  );
}
