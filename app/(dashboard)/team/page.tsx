import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddMemberForm } from "@/components/team/add-member-form.tsx";
import { MemberControls } from "@/components/team/member-controls.tsx";
import { MemberLink } from "@/components/team/member-link.tsx";
import { DataTable } from "@/components/ui/data-table.tsx";
import { Panel } from "@/components/ui/panel.tsx";
import { SignOutEverywhereButton } from "@/components/team/sign-out-everywhere-button.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { can } from "@/lib/server/permissions.ts";
import { listUsers } from "@/lib/server/users/list-users.ts";
import { ROLE_LABELS } from "@/lib/schemas/vocabulary.ts";
import { addTeamMember, changeRole, linkMember, setActive, unlinkMember } from "./actions.ts";
import { signOutEverywhere } from "./session-actions.ts";
import { formatDateTime } from "@/lib/format/dates.ts";

export const metadata: Metadata = { title: "Team" };
export const dynamic = "force-dynamic";

function ActiveBadge({ active }: { active: boolean }) {
  return active ? (
    <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">
      Active
    </span>
  ) : (
    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-300">
      Deactivated
    </span>
  );
}

export default async function TeamPage() {
  const user = await requireUser();
  if (!can(user, "user.manage")) notFound();
  const users = await listUsers({ actor: user });
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Team</h1>
        <p className="mt-1 text-sm text-slate-600">
          Who can use Conduct Desk. Viewers read cases but never see reporters or change anything. Deactivating someone ends their access on
          their next request; nothing they recorded is removed. Link each account to the person&rsquo;s member record: a team member never
          sees cases about themselves and is recused from cases they reported or are involved in.
        </p>
      </div>
      <Panel headingId="members-heading" title="Team members">
        <DataTable
          labelledBy="members-heading"
          rows={users}
          rowKey={(u) => u.id}
          rowClassName={(u) => (u.active ? "" : "bg-slate-50 text-slate-500")}
          columns={[
            {
              header: "Name",
              cell: (u) => (
                <>
                  <div className="font-medium text-slate-900">{u.name}</div>
                  <div className="text-xs text-slate-600">{u.email}</div>
                  <MemberLink
                    view={{ userId: u.id, userName: u.name, member: u.member, suggestion: u.suggestion }}
                    isSelf={u.id === user.id}
                    link={linkMember}
                    unlink={unlinkMember}
                  />
                </>
              ),
            },
            { header: "Role", cell: (u) => ROLE_LABELS[u.role] },
            { header: "Status", cell: (u) => <ActiveBadge active={u.active} /> },
            {
              header: "Last sign-in",
              className: "whitespace-nowrap text-slate-700",
              cell: (u) => (u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never"),
            },
            {
              header: "Actions",
              hideHeader: true,
              align: "right",
              cell: (u) => (
                <>
                  <MemberControls user={u} changeRole={changeRole} setActive={setActive} isSelf={u.id === user.id} />
                  {u.active && u.id !== user.id && <SignOutEverywhereButton user={u} action={signOutEverywhere} />}
                </>
              ),
            },
          ]}
        />
      </Panel>
      <section aria-labelledby="add-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="add-heading" className="mb-4 text-base font-semibold">
          Add a team member
        </h2>
        <AddMemberForm action={addTeamMember} />
      </section>
    </div>
  );
}
