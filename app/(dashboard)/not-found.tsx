import Link from "next/link";

/** A case or member that is not there (or not for this viewer), inside the dashboard's own main landmark. */
export default function DashboardNotFound() {
  return (
    <div className="mx-auto flex min-h-[50vh] max-w-lg flex-col items-center justify-center text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing here, or you do not have access to it.</p>
      <Link href="/" className="mt-6 text-sm font-medium text-indigo-700 underline">
        Go to the dashboard
      </Link>
    </div>
  );
}
