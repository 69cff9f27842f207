import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LogCaseForm } from "@/components/cases/log-case-form.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { can } from "@/lib/server/permissions.ts";
import { logCase, lookupHandle } from "../actions.ts";

export const metadata: Metadata = { title: "Log a case" };
export const dynamic = "force-dynamic";

export default async function NewCasePage() {
  const user = await requireUser("case.view");
  if (!can(user, "case.create")) notFound();
  return (
    <div className="space-y-6">
      <div>
        <Link href="/cases" className="text-sm font-medium text-indigo-700 hover:underline">
          ← Cases
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Log a case</h1>
        <p className="mt-1 text-sm text-slate-600">
          Record an incident reported to the conduct team or seen in a community space. It gets the next case number and starts as New.
        </p>
      </div>
      <LogCaseForm action={logCase} lookup={lookupHandle} maxOccurredAt={new Date().toISOString().slice(0, 16)} />
    </div>
  );
}
