import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClasses } from "@/components/ui/button.tsx";
import { TextField } from "@/components/ui/field.tsx";
import { SelectField } from "@/components/ui/select.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { lookupMember } from "@/lib/server/members/lookup-member.ts";
import { can } from "@/lib/server/permissions.ts";
import { identityNoun } from "@/lib/schemas/member.ts";
import { SPACES, SPACE_LABELS, ZSpace, normalizeHandle } from "@/lib/schemas/vocabulary.ts";

export const metadata: Metadata = { title: "Find a member by handle" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** /members/lookup?space=github&handle=alice: the member page of whoever holds the handle. */
export default async function LookupMemberPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("member.view");
  const params = await searchParams;
  const space = typeof params.space === "string" ? params.space : "";
  const handle = typeof params.handle === "string" ? params.handle.slice(0, 200) : "";
  const asked = space !== "" || handle !== "";

  let problem: string | undefined;
  let memberId: string | null = null;
  if (asked) {
    try {
      memberId = await lookupMember({ actor: user, space, handle });
    } catch (error) {
      if (!isAppError(error) || error.code !== "invalid") throw error;
      problem = !ZSpace.safeParse(space).success ? "Choose a space" : "Enter a handle";
    }
  }
  if (memberId) redirect(`/members/${memberId}`);

  const parsedSpace = ZSpace.safeParse(space);
  const missing =
    asked && !problem && parsedSpace.success ? `No member has the ${identityNoun(parsedSpace.data)} ${normalizeHandle(handle)}` : null;
  return (
    <div className="space-y-6">
      <Link href="/members" className="text-sm font-medium text-indigo-700 hover:underline">
        <span aria-hidden>← </span>Members
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{missing ?? "Find a member by handle"}</h1>
      {missing && (
        <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <p className="text-slate-700">
            Nobody in the community has this {identityNoun(parsedSpace.data!)} on record. Check the spelling, search by name, or add the
            person.
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            {can(user, "member.update") && (
              <Link href={`/members/new?${new URLSearchParams({ space, handle })}`} className={buttonClasses("primary")}>
                Add a member with this handle
              </Link>
            )}
            <Link href={`/members?${new URLSearchParams({ q: normalizeHandle(handle) })}`} className={buttonClasses("secondary")}>
              Search members
            </Link>
          </div>
        </div>
      )}
      <section aria-labelledby="lookup-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="lookup-heading" className="mb-3 text-base font-semibold">
          {missing ? "Look up another handle" : "Handle"}
        </h2>
        <form action="/members/lookup" method="get" className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
          <SelectField
            label="Space"
            name="space"
            defaultValue={parsedSpace.success ? parsedSpace.data : "github"}
            options={SPACES.map((s) => ({ value: s, label: SPACE_LABELS[s] }))}
            error={problem === "Choose a space" ? problem : undefined}
          />
          <TextField
            label="Handle"
            name="handle"
            defaultValue={handle}
            autoComplete="off"
            spellCheck={false}
            error={problem === "Enter a handle" ? problem : undefined}
          />
          <button type="submit" className={buttonClasses("primary", "sm:mt-6")}>
            Find
          </button>
        </form>
      </section>
    </div>
  );
}
