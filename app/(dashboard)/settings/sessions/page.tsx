import type { Metadata } from "next";
import { SignOutOthersButton } from "@/components/sessions/sign-out-others-button.tsx";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table.tsx";
import { Panel } from "@/components/ui/panel.tsx";
import { SignOutSessionButton } from "@/components/sessions/sign-out-session-button.tsx";
import { formatDateTime, isoDate } from "@/lib/format/dates.ts";
import { requireUser } from "@/lib/server/auth.ts";
import { listSessions, type SessionEnd } from "@/lib/server/sessions/list-sessions.ts";
import { readSessionLimits } from "@/lib/server/sessions/session-config.ts";
import { signOutOtherSessions, signOutSession } from "./actions.ts";
import { HOUR } from "@/lib/policy/durations.ts";

export const metadata: Metadata = { title: "Sessions" };
export const dynamic = "force-dynamic";

function When({ value }: { value: Date }) {
  return <time dateTime={isoDate(value)}>{formatDateTime(value)}</time>;
}

type Session = { address: string | null; createdAt: Date };
const ADDRESS: DataTableColumn<Session> = {
  header: "Address",
  className: "whitespace-nowrap font-mono text-xs",
  cell: (s) => s.address ?? "Unknown",
};
const SIGNED_IN: DataTableColumn<Session> = {
  header: "Signed in",
  className: "whitespace-nowrap",
  cell: (s) => <When value={s.createdAt} />,
};

function duration(ms: number): string {
  const hours = ms / HOUR;
  if (hours < 48) return `${Number(hours.toFixed(2))} ${hours === 1 ? "hour" : "hours"}`;
  const days = hours / 24;
  return `${Number(days.toFixed(2))} ${days === 1 ? "day" : "days"}`;
}

export default async function SessionsPage() {
  const user = await requireUser("session.manage_own");
  const { live, ended } = await listSessions({ actor: user });
  const limits = readSessionLimits();
  const others = live.filter((s) => !s.current).length;
  const REASONS: Record<SessionEnd, string> = {
    signed_out: "Signed out",
    ended_by_user: "Signed out from another session",
    ended_by_admin: "Signed out by an admin",
    deactivated: "Account deactivated",
    idle: `Expired: no activity for ${duration(limits.idleMs)}`,
    expired: `Expired: ${duration(limits.maxMs)} after signing in`,
  };
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Every browser signed in to your account. A session ends when you sign out, after {duration(limits.idleMs)} without activity, and{" "}
          {duration(limits.maxMs)} after signing in at the latest. If you do not recognise one, sign it out and change your password.
        </p>
      </div>
      <Panel
        headingId="live-heading"
        title="Signed in"
        actions={<SignOutOthersButton action={signOutOtherSessions} disabled={others === 0} />}
      >
        <DataTable
          labelledBy="live-heading"
          rows={live}
          rowKey={(s) => s.id}
          columns={[
            {
              header: "Browser",
              cell: (s) => (
                <>
                  <div className="font-medium text-slate-900">{s.browser}</div>
                  {s.current && (
                    <span className="mt-1 inline-block rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-inset ring-indigo-200">
                      This session
                    </span>
                  )}
                </>
              ),
            },
            ADDRESS,
            SIGNED_IN,
            { header: "Last seen", className: "whitespace-nowrap", cell: (s) => <When value={s.lastSeenAt} /> },
            {
              header: "Actions",
              hideHeader: true,
              align: "right",
              cell: (s) =>
                !s.current && (
                  <SignOutSessionButton
                    sessionId={s.id}
                    label={`${s.browser}, signed in ${formatDateTime(s.createdAt)}`}
                    action={signOutSession}
                  />
                ),
            },
          ]}
        />
      </Panel>
      {ended.length > 0 && (
        <Panel headingId="ended-heading" title="Recently ended">
          <DataTable
            labelledBy="ended-heading"
            rows={ended}
            rowKey={(s) => s.id}
            className="text-slate-700"
            columns={[
              { header: "Browser", cell: (s) => s.browser },
              ADDRESS,
              SIGNED_IN,
              { header: "Ended", className: "whitespace-nowrap", cell: (s) => <When value={s.endedAt} /> },
              { header: "Why", cell: (s) => REASONS[s.reason] },
            ]}
          />
        </Panel>
      )}
    </div>
  );
}
