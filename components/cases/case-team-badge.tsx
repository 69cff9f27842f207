/** Marks a case restricted to its case team (need to know). */
export function CaseTeamBadge() {
  return (
    <span className="badge badge-indigo">
      <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3 fill-current">
        <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H3.75A.75.75 0 0 0 3 7.75v6.5c0 .41.34.75.75.75h8.5a.75.75 0 0 0 .75-.75v-6.5a.75.75 0 0 0-.75-.75H11.5V4.5A3.5 3.5 0 0 0 8 1zm2 6H6V4.5a2 2 0 1 1 4 0V7z" />
      </svg>
      Restricted to its case team
    </span>
  );
}
