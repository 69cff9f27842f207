import type { Metadata } from "next";
import { SignOutOthersButton } from "@/components/sessions/sign-out-others-button.tsx";
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
      <section aria-labelledby="live-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <h2 id="live-heading" className="text-base font-semibold">
            Signed in
          </h2>
          <SignOutOthersButton action={signOutOtherSessions} disabled={others === 0} />
        </div>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                {["Browser", "Address", "Signed in", "Last seen"].map((h) => (
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
              {live.map((s) => (
                <tr key={s.id}>
                  <td className="px-4 py-3">
                    <div className="font-medium text-slate-900">{s.browser}</div>
                    {s.current && (
                      <span className="mt-1 inline-block rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-inset ring-indigo-200">
                        This session
                      </span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">{s.address ?? "Unknown"}</td>
                  <td className="whitespace-nowrap px-4 py-3">
                    <When value={s.createdAt} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-3">
                    <When value={s.lastSeenAt} />
                  </td>
                  <td className="px-4 py-3 text-right">
                    {!s.current && (
                      <SignOutSessionButton
                        sessionId={s.id}
                        label={`${s.browser}, signed in ${formatDateTime(s.createdAt)}`}
                        action={signOutSession}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {ended.length > 0 && (
        <section aria-labelledby="ended-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
          <h2 id="ended-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
            Recently ended
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  {["Browser", "Address", "Signed in", "Ended", "Why"].map((h) => (
                    <th key={h} scope="col" className="px-4 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 text-slate-700">
                {ended.map((s) => (
                  <tr key={s.id}>
                    <td className="px-4 py-3">{s.browser}</td>
                    <td className="whitespace-nowrap px-4 py-3 font-mono text-xs">{s.address ?? "Unknown"}</td>
                    <td className="whitespace-nowrap px-4 py-3">
                      <When value={s.createdAt} />
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">
                      <When value={s.endedAt} />
                    </td>
                    <td className="px-4 py-3">{REASONS[s.reason]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
