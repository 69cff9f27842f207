/** Recovery codes, shown once: each works one time in place of a code from the app. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="recovery-codes-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id="recovery-codes-heading" className="text-sm font-semibold text-amber-950">
        Your recovery codes
      </h3>
      <p className="mt-1 text-sm text-amber-950">
        Keep them somewhere safe, away from your phone: each one signs you in once if you lose your authenticator app. They are shown only
        now.
      </p>
      <ul aria-label="Recovery codes" className="mt-3 grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-5">
        {codes.map((code) => (
          <li key={code} className="rounded bg-white px-2 py-1 text-center text-slate-900 ring-1 ring-amber-200">
            {code}
          </li>
        ))}
      </ul>
    </section>
  );
}
