import Link from "next/link";
import type { ReactNode } from "react";

/** A titled list of what needs attention, with a link to see all of it. */
export function AttentionList({
  title,
  count,
  href,
  empty,
  children,
}: {
  title: string;
  count: number;
  href?: string;
  empty: string;
  children: ReactNode[];
}) {
  const id = `list-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex items-baseline justify-between border-b border-slate-200 px-4 py-3">
        <h2 id={id} className="text-sm font-semibold">
          {title}{" "}
          <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium tabular-nums text-slate-700">{count}</span>
        </h2>
        {href && count > 0 && (
          <Link href={href} className="text-xs font-medium text-indigo-700 hover:underline">
            View all<span className="sr-only"> {title.toLowerCase()}</span>
          </Link>
        )}
      </div>
      {children.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100">{children}</ul>
      )}
    </section>
  );
}
