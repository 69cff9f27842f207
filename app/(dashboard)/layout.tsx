import Link from "next/link";
import { NavLinks, type NavItem } from "@/components/shell/nav-links.tsx";
import { UserMenu } from "@/components/shell/user-menu.tsx";
import { requireUser } from "@/lib/server/auth.ts";
import { can } from "@/lib/server/permissions.ts";
import { ROLE_LABELS } from "@/lib/schemas/vocabulary.ts";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // Each page checks for itself; one who must still set up two-factor sign-in reaches only
  // its settings page, so they see no navigation.
  const user = await requireUser(undefined, { allowEnrolment: true });
  const enrolling = user.mustEnrolTwoFactor;
  const nav: NavItem[] = enrolling
    ? []
    : [
        { href: "/", label: "Dashboard" },
        { href: "/cases", label: "Cases" },
        { href: "/members", label: "Members" },
        { href: "/exports", label: "Exports" },
        ...(can(user, "audit.view") ? [{ href: "/audit", label: "Audit log" }] : []),
        ...(can(user, "user.manage") ? [{ href: "/team", label: "Team" }] : []),
        ...(can(user, "security.manage") ? [{ href: "/security", label: "Security" }] : []),
      ];
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white" data-print="hide">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <svg aria-hidden viewBox="0 0 32 32" className="h-7 w-7">
              <rect width="32" height="32" rx="7" fill="#4338ca" />
              <path d="M16 6l8 3v6c0 5-3.4 9.3-8 11-4.6-1.7-8-6-8-11V9z" fill="#fff" />
            </svg>
            Conduct Desk
          </Link>
          <nav aria-label="Main" className="flex-1">
            <NavLinks items={nav} />
          </nav>
          <UserMenu name={user.name} email={user.email} roleLabel={ROLE_LABELS[user.role]} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
