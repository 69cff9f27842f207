import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form.tsx";
import { githubEnabled } from "@/lib/server/auth-options.ts";
import { getSessionUser } from "@/lib/server/auth.ts";
import { GithubSignInButton } from "@/components/auth/github-sign-in-button.tsx";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Invalid email or password",
  NotAModerator: "That GitHub account is not linked to an active core team member",
  AccessDenied: "That GitHub account is not linked to an active core team member",
  SessionRequired: "Sign in to continue",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  // Signed in already (or signed in but still to set up two-factor sign-in: "/" sends them there).
  if (await getSessionUser()) redirect("/");
  // Own keys only: ?error=constructor must not find Object's own members.
  const error = params.error ? (Object.hasOwn(ERRORS, params.error) && ERRORS[params.error]) || "Sign-in failed: try again" : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <svg aria-hidden viewBox="0 0 32 32" className="mx-auto h-10 w-10">
            <rect width="32" height="32" rx="7" fill="#4338ca" />
            <path d="M16 6l8 3v6c0 5-3.4 9.3-8 11-4.6-1.7-8-6-8-11V9z" fill="#fff" />
          </svg>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">Sign in to Conduct Desk</h1>
          <p className="mt-1 text-sm text-slate-600">For the core team enforcing the Code of Conduct</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm callbackUrl={params.callbackUrl} initialError={error} />
          {githubEnabled() && (
            <>
              <div className="my-4 flex items-center gap-3 text-xs text-slate-500">
                <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
              </div>
              <GithubSignInButton callbackUrl={params.callbackUrl} />
            </>
          )}
        </div>
      </div>
    </main>
  );
}
