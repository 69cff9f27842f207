import type { ReactNode } from "react";

/**
 * A white card with a titled header bar: the section a table, a log or a list sits in. The
 * section is named by its heading (`headingId`), which names the table inside too.
 */
export function Panel({
  headingId,
  title,
  actions,
  children,
}: {
  headingId: string;
  title: ReactNode;
  /** Controls on the right of the header bar (downloads, a button for the whole list). */
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      {actions ? (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <h2 id={headingId} className="text-base font-semibold">
            {title}
          </h2>
          {actions}
        </div>
      ) : (
        <h2 id={headingId} className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}
