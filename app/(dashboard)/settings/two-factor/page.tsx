import type { Metadata } from "next";
import { ConfirmEnrolmentForm, RegenerateCodesForm, StartEnrolmentForm, TurnOffForm } from "@/components/two-factor/two-factor-forms.tsx";
import { formatDateTime, isoDate } from "@/lib/format/dates.ts";
import { requireUser } from "@/lib/server/auth.ts";
import { getTwoFactorStatus } from "@/lib/server/two-factor/get-two-factor-status.ts";
import { confirmEnrolment, regenerateCodes, startEnrolment, turnOff } from "./actions.ts";

export const metadata: Metadata = { title: "Two-factor sign-in" };
export const dynamic = "force-dynamic";

function Card({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={id} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function TwoFactorPage() {
  // The one page open to a team member who must still set up two-factor sign-in.
  const user = await requireUser(undefined, { allowEnrolment: true });
  const status = await getTwoFactorStatus({ actor: user });
  return (
    <div className="max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Two-factor sign-in</h1>
        <p className="mt-1 text-sm text-slate-600">
          With two-factor sign-in, signing in needs your password and a code from an authenticator app on your phone (any app that supports
          TOTP codes). A stolen password alone is then not enough.
        </p>
      </div>
      {status.required && !status.enabled && (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          Your team requires two-factor sign-in. Set it up to continue: nothing else is open to you until you do.
        </div>
      )}
      {status.enabled ? (
        <>
          <Card id="status-heading" title="Status">
            <p className="text-sm text-slate-800">
              Two-factor sign-in is <strong>on</strong> since{" "}
              <time dateTime={isoDate(status.enabledAt!)}>{formatDateTime(status.enabledAt!)}</time>. You have{" "}
              <strong>{status.recoveryCodesLeft}</strong> unused recovery {status.recoveryCodesLeft === 1 ? "code" : "codes"}.
            </p>
          </Card>
          <Card id="regenerate-heading" title="Recovery codes">
            <p className="mb-3 text-sm text-slate-600">New codes replace every old one, used or not.</p>
            <RegenerateCodesForm action={regenerateCodes} />
          </Card>
          <Card id="off-heading" title="Turn off">
            {status.required ? (
              <p className="text-sm text-slate-600">Your team requires two-factor sign-in: it cannot be turned off.</p>
            ) : (
              <TurnOffForm action={turnOff} hasPassword={status.hasPassword} />
            )}
          </Card>
        </>
      ) : status.pending ? (
        <Card id="enrol-heading" title="Set up your authenticator app">
          <ol className="list-decimal space-y-4 pl-5 text-sm text-slate-800">
            <li>
              <p>Scan this QR code with your authenticator app.</p>
              <div
                role="img"
                aria-label="QR code to add Conduct Desk to your authenticator app"
                className="mt-2 h-48 w-48 rounded border border-slate-200 bg-white p-1"
                // The SVG is drawn on the server from the otpauth:// URI: no script, nothing typed by anyone.
                dangerouslySetInnerHTML={{ __html: status.pending.qrSvg }}
              />
              <p className="mt-2">
                Or type this secret into the app by hand:{" "}
                <code aria-label="Secret" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm tracking-wide">
                  {status.pending.groupedSecret}
                </code>
              </p>
            </li>
            <li>
              <p className="mb-2">Enter the 6-digit code the app now shows for Conduct Desk.</p>
              <ConfirmEnrolmentForm action={confirmEnrolment} />
            </li>
          </ol>
          <div className="mt-6 border-t border-slate-100 pt-4">
            <StartEnrolmentForm action={startEnrolment} restart />
          </div>
        </Card>
      ) : (
        <Card id="enrol-heading" title="Status">
          <p className="mb-4 text-sm text-slate-800">
            Two-factor sign-in is <strong>off</strong>.
          </p>
          <StartEnrolmentForm action={startEnrolment} />
        </Card>
      )}
    </div>
  );
}
