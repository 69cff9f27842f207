import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MemberForm } from "@/components/members/member-form.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { can } from "@/lib/server/permissions.ts";
import { ZSpace } from "@/lib/schemas/vocabulary.ts";
import { addMember, checkHandle } from "../actions.ts";

export const metadata: Metadata = { title: "Add a member" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewMemberPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  if (!can(user, "member.update")) notFound();
  // Arriving from a lookup that found nobody: start with the handle that was looked up.
  const params = await searchParams;
  const space = ZSpace.safeParse(params.space);
  const handle = typeof params.handle === "string" ? params.handle.slice(0, 200) : "";
  const identities = space.success && handle ? [{ space: space.data, handle }] : [];
  return (
    <div className="space-y-6">
      <Link href="/members" className="text-sm font-medium text-indigo-700 hover:underline">
        <span aria-hidden>← </span>Members
      </Link>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Add a member</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          A person in the community and their identities in each space, so that reports from anywhere reach one enforcement history.
        </p>
      </div>
      <section aria-label="Member details" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <MemberForm
          action={addMember}
          check={checkHandle}
          initial={{ displayName: "", identities }}
          submitLabel="Add member"
          cancelHref="/members"
        />
      </section>
    </div>
  );
}
