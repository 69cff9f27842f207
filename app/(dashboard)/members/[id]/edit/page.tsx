import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { MemberForm } from "@/components/members/member-form.tsx";
import { buttonClasses } from "@/components/ui/button.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { getMember, memberEditRefusal } from "@/lib/server/members/get-member.ts";
import { can } from "@/lib/server/permissions.ts";
import { checkHandle } from "../../actions.ts";
import { saveMember } from "../actions.ts";

export const metadata: Metadata = { title: "Edit member" };
export const dynamic = "force-dynamic";

export default async function EditMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!can(user, "member.update")) notFound();
  const { id } = await params;
  const member = await getMember({ actor: user, memberId: id }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  if (member.mergedIntoId) redirect(`/members/${member.mergedIntoId}/edit`);
  const refusal = await memberEditRefusal({ actor: user, memberId: member.id });
  return (
    <div className="space-y-6">
      <Link href={`/members/${member.id}`} className="text-sm font-medium text-indigo-700 hover:underline">
        <span aria-hidden>← </span>
        {member.displayName}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Edit {member.displayName}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Every change is recorded with its before and after. If someone else saves this member while you edit, your save is refused and
          nothing is overwritten.
        </p>
      </div>
      {refusal ? (
        <div role="note" className="max-w-2xl rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-semibold">{refusal}.</p>
          <p className="mt-1">Nothing here can be changed by you: the record stays as it is until another moderator edits it.</p>
          <Link href={`/members/${member.id}`} className={buttonClasses("secondary", "mt-3")}>
            Back to {member.displayName}
          </Link>
        </div>
      ) : (
        <section aria-label="Member details" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <MemberForm
            action={saveMember}
            check={checkHandle}
            initial={{ displayName: member.displayName, identities: member.identities }}
            retired={member.retiredIdentities}
            member={{ id: member.id, version: member.version }}
            submitLabel="Save changes"
            cancelHref={`/members/${member.id}`}
          />
        </section>
      )}
    </div>
  );
}
