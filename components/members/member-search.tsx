import Link from "next/link";
import { buttonClasses } from "@/components/ui/button.tsx";

/** Search by name or any handle: a plain GET form, so results have a shareable address. */
export function MemberSearch({ q }: { q: string }) {
  return (
    <form role="search" action="/members" method="get" className="flex flex-wrap items-end gap-2">
      <div className="min-w-64 flex-1">
        <label htmlFor="member-search" className="block text-sm font-medium text-slate-800">
          Search members
        </label>
        <input
          id="member-search"
          type="search"
          name="q"
          defaultValue={q}
          aria-describedby="member-search-hint"
          placeholder="Name, or a handle such as @alice"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-500 focus:outline-2 focus:outline-indigo-600"
        />
      </div>
      <button type="submit" className={buttonClasses("secondary")}>
        Search
      </button>
      {q && (
        <Link href="/members" className={buttonClasses("ghost")}>
          Clear
        </Link>
      )}
      <p id="member-search-hint" className="basis-full text-xs text-slate-600">
        By name, or by any handle in any space (GitHub login, Slack ID, email…); a leading @ and capitals do not matter.
      </p>
    </form>
  );
}
