import type { ComponentProps } from "react";
import { formatDateTime } from "@/lib/format/dates.ts";
import { formatCount } from "@/lib/format/numbers.ts";
import { VerifyChainButton } from "./verify-button.tsx";

/** The last verification of the chain, as recorded in its own audit event. */
export type ChainVerification = { at: Date; by: string; ok: boolean; count: number; head: string; problem: string | null };

/** The signing of the chain's head: the key to keep elsewhere and the latest signed checkpoint. */
export type ChainSigning = {
  publicKey: string;
  keyId: string;
  latest: { seq: bigint; signedAt: Date; reason: string } | null;
  count: number;
};

function VerificationResult({ verified }: { verified: ChainVerification | null }) {
  if (verified === null) return <span className="text-slate-700">Not verified yet.</span>;
  if (!verified.ok) {
    return (
      <span className="text-red-800">
        Broken: {verified.problem} (checked {formatDateTime(verified.at)} by {verified.by}).
      </span>
    );
  }
  return (
    <span className="text-emerald-800">
      Intact: verified up to event {formatCount(Number(verified.head.split(":")[0]))} ({formatCount(verified.count)} events) on{" "}
      {formatDateTime(verified.at)} by {verified.by}.
    </span>
  );
}

/** Whether the audit chain is intact, how its head is signed, and a button to verify it now. */
export function ChainStatus({
  verified,
  signing,
  verify,
}: {
  verified: ChainVerification | null;
  signing: ChainSigning;
  verify: ComponentProps<typeof VerifyChainButton>["action"];
}) {
  return (
    <section aria-labelledby="chain-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="chain-heading" className="text-base font-semibold">
        Chain status
      </h2>
      <p className="mt-1 text-sm" role="status">
        <VerificationResult verified={verified} />
      </p>
      {verified && <p className="mt-1 break-all font-mono text-xs text-slate-600">Head {verified.head}</p>}
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">Latest signed checkpoint</dt>
        <dd>
          {signing.latest ? (
            <>
              event {formatCount(Number(signing.latest.seq))}, signed {formatDateTime(signing.latest.signedAt)} ({signing.latest.reason}) ·{" "}
              {formatCount(signing.count)} in all
            </>
          ) : (
            "none yet"
          )}
        </dd>
        <dt className="text-slate-600">Signing public key</dt>
        <dd className="break-all font-mono text-xs">
          {signing.publicKey} <span className="text-slate-600">(key {signing.keyId})</span>
        </dd>
      </dl>
      <p className="mt-1 text-xs text-slate-600">
        The chain&rsquo;s head is signed with a key kept outside the database, at least hourly and at every verify. Keep this public key and
        a copy of the checkpoints (<code>npm run audit:checkpoints</code>) somewhere else: a chain rewritten with database access no longer
        passes through them.
      </p>
      <div className="mt-3">
        <VerifyChainButton action={verify} />
      </div>
    </section>
  );
}
