import type { Metadata } from "next";
import Link from "next/link";
import { TransparencyCharts } from "@/components/exports/transparency-charts.tsx";
import { TransparencyFigures } from "@/components/exports/transparency-figures.tsx";
import { TransparencyPeriodForm } from "@/components/exports/transparency-period-form.tsx";
import { suppressionNote } from "@/lib/exports/transparency.ts";
import { requireUser } from "@/lib/server/auth.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { getTransparencyReport } from "@/lib/server/exports/get-transparency-report.ts";

export const metadata: Metadata = { title: "Transparency report" };
export const dynamic = "force-dynamic";

export default async function TransparencyPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("export.create");
  const params = await searchParams;
  let filterError: string | undefined;
  let report;
  try {
    report = await getTransparencyReport({ actor: user, input: params });
  } catch (error) {
    if (!isAppError(error)) throw error;
    filterError = error.message;
    report = await getTransparencyReport({ actor: user, input: {} });
  }
  return (
    <div className="space-y-6">
      <div>
        <Link href="/exports" className="text-sm font-medium text-indigo-700 hover:underline">
          ← Exports
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Transparency report</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {suppressionNote(report.threshold)} Decisions count in the period they were taken; a later reversal counts in the period it was
          recorded.
        </p>
      </div>

      <TransparencyPeriodForm report={report} error={filterError} />
      <TransparencyCharts report={report} />
      <TransparencyFigures report={report} />
    </div>
  );
}
