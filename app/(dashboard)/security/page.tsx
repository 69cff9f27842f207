import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LiftThrottleButton, LiftThrottleForm, RequirementForm } from "@/components/security/security-forms.tsx";
import { DataTable } from "@/components/ui/data-table.tsx";
import { Panel } from "@/components/ui/panel.tsx";
import { Pagination } from "@/components/ui/pagination.tsx";
import { formatDateTime, isoDate } from "@/lib/format/dates.ts";
import { requireUser } from "@/lib/server/auth.ts";
import { can } from "@/lib/server/permissions.ts";
import { listActiveThrottles, listSecurityLog, type SecurityLogRow } from "@/lib/server/security-log/list-security-log.ts";
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

type Throttle = Awaited<ReturnType<typeof listActiveThrottles>>[number];

/** Who or what a throttle holds back, as the Lift button names it. */
function throttleLabel(t: Throttle): string {
  if (t.scope === "address") return `address ${t.address ?? "unknown"}`;
  return t.user ? `${t.user.name} (${t.user.email})` : `an unknown email (${t.identifierHash?.slice(0, 12)})`;
}

function ThrottleDetails({ entry: e }: { entry: SecurityLogRow }) {
  if (e.kind !== "throttled") return null;
  return (
    <>
      {e.scope === "address" ? "The address" : e.user ? e.user.name : "The email"} waits until {e.until ? <When value={e.until} /> : "—"}
      {e.liftedAt && (
        <>
          {" "}
          (lifted <When value={e.liftedAt} />)
        </>
      )}
    </>
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

      <Panel headingId="throttles-heading" title="Sign-in throttles now">
        <p className="px-4 pt-3 text-sm text-slate-600">
          After 5 failed sign-ins within 15 minutes, an account or an address waits 1 minute, then twice as long after each further failure
          (up to 60 minutes).
        </p>
        <LiftThrottleForm action={lift}>
          <DataTable
            labelledBy="throttles-heading"
            rows={throttles.map((t) => ({ ...t, label: throttleLabel(t) }))}
            rowKey={(t) => t.id}
            empty="Nobody is throttled."
            className="mt-2"
            columns={[
              { header: "Throttled", cell: (t) => (t.scope === "address" ? `Address ${t.address ?? "unknown"}` : `Account: ${t.label}`) },
              { header: "Until", className: "whitespace-nowrap", cell: (t) => <When value={t.until} /> },
              { header: "Actions", hideHeader: true, align: "right", cell: (t) => <LiftThrottleButton entryId={t.id} label={t.label} /> },
            ]}
          />
        </LiftThrottleForm>
      </Panel>

      <Panel headingId="log-heading" title="Security log">
        <DataTable
          labelledBy="log-heading"
          rows={log.entries}
          rowKey={(e) => e.id}
          empty={`Nothing in the last ${SECURITY_LOG_RETENTION_DAYS} days.`}
          columns={[
            { header: "When", className: "whitespace-nowrap", cell: (e) => <When value={e.occurredAt} /> },
            { header: "What", cell: (e) => KIND_LABELS[e.kind] ?? e.kind },
            { header: "Address", className: "font-mono text-xs", cell: (e) => e.address ?? "unknown" },
            { header: "Email typed (keyed hash)", cell: (e) => <Digest value={e.identifierHash} /> },
            { header: "Details", className: "text-slate-700", cell: (e) => <ThrottleDetails entry={e} /> },
          ]}
        />
        <Pagination
          page={log.page}
          pageCount={log.pageCount}
          total={log.total}
          noun={["entry", "entries"]}
          href={(page) => `/security?page=${page}`}
        />
      </Panel>
    </div>
  );
}
