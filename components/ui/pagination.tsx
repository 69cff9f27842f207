import Link from "next/link";
import { formatCount } from "@/lib/format/numbers.ts";

/** Previous / next links for a list that keeps its search in the address. */
export function Pagination({
  page,
  pageCount,
  total,
  noun,
  href,
}: {
  page: number;
  pageCount: number;
  total: number;
  noun: [string, string];
  href: (page: number) => string;
}) {
  const link = "rounded-md px-3 py-1.5 font-medium text-indigo-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
  const off = "rounded-md px-3 py-1.5 text-slate-500 ring-1 ring-inset ring-slate-200";
  if (pageCount <= 1) {
    return (
      <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600">
        {formatCount(total)} {total === 1 ? noun[0] : noun[1]}
      </p>
    );
  }
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm">
      <p className="text-slate-600">
        Page {formatCount(page)} of {formatCount(pageCount)} · {formatCount(total)} {total === 1 ? noun[0] : noun[1]}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} rel="prev" className={link}>
            Previous
          </Link>
        ) : (
          <span className={off}>Previous</span>
        )}
        {page < pageCount ? (
          <Link href={href(page + 1)} rel="next" className={link}>
            Next
          </Link>
        ) : (
          <span className={off}>Next</span>
        )}
      </div>
    </nav>
  );
}
