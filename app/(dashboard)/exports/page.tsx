import type { Metadata } from "next";
import Link from "next/link";
import { ExportForm } from "@/components/exports/export-form.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { can } from "@/lib/server/permissions.ts";

export const metadata: Metadata = { title: "Exports" };
export const dynamic = "force-dynamic";

const card = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

export default async function ExportsPage() {
  const user = await requireUser("export.create");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Exports</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Summaries of moderation decisions, generated from the records. Reporters never appear in internal or public exports. Reversed
          decisions are included and marked with the date of their reversal, so they are never read as standing. Every export is recorded in
          the audit log.
        </p>
      </div>

      <section aria-labelledby="summaries-heading" className={card}>
        <h2 id="summaries-heading" className="text-base font-semibold">
          Decision summaries
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          Columns: case number, decided at, level, standards, space, rationale, no-contact period, member, moderator, reversed.
        </p>
        <ExportForm isAdmin={can(user, "export.full")} today={new Date().toISOString().slice(0, 10)} />
      </section>

      <section aria-labelledby="transparency-heading" className={card}>
        <h2 id="transparency-heading" className="text-base font-semibold">
          Transparency report
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Aggregate counts per month, quarter or year: cases received, outcomes, standards and spaces, and the median time to a decision.
          Small counts are suppressed so that no person can be singled out.
        </p>
        <Link
          href="/exports/transparency"
          className="mt-3 inline-flex rounded-md px-3 py-1.5 text-sm font-medium text-indigo-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          Open the transparency report
        </Link>
      </section>
    </div>
  );
}
