import { LEVEL_LABELS, type TLevel } from "@/lib/schemas/vocabulary.ts";

type Month = { month: string; cases: number; decisions: Record<TLevel | "none", number> };

const SERIES: { key: TLevel | "none"; label: string; color: string }[] = [
  { key: "reminder", label: LEVEL_LABELS.reminder, color: "#38bdf8" },
  { key: "warning", label: LEVEL_LABELS.warning, color: "#f59e0b" },
  { key: "permanent_ban", label: LEVEL_LABELS.permanent_ban, color: "#dc2626" },
  { key: "none", label: "No action", color: "#cbd5e1" },
];

const monthLabel = new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" });
const fullMonth = new Intl.DateTimeFormat("en", { month: "long", year: "numeric", timeZone: "UTC" });

/**
 * Cases logged (line) and decisions by ladder level (stacked bars) per month. Drawn as
 * plain SVG on the server; the same figures are in a table for screen readers.
 */
export function TrendChart({ data }: { data: Month[] }) {
  const width = 720;
  const height = 220;
  const pad = { top: 12, right: 12, bottom: 28, left: 32 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const totals = data.map((m) => SERIES.reduce((sum, s) => sum + m.decisions[s.key], 0));
  const max = Math.max(1, ...totals, ...data.map((m) => m.cases));
  const step = innerW / data.length;
  const barW = Math.min(28, step * 0.55);
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  const ticks = Array.from(new Set([0, Math.ceil(max / 2), max]));
  const linePoints = data.map((m, i) => `${pad.left + step * i + step / 2},${y(m.cases)}`).join(" ");
  const date = (month: string) => new Date(`${month}-01T00:00:00Z`);

  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-labelledby="trend-title">
        <title id="trend-title">Cases logged and decisions by level per month, last 12 months</title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#475569">
              {t}
            </text>
          </g>
        ))}
        {data.map((m, i) => {
          let acc = 0;
          const x = pad.left + step * i + step / 2 - barW / 2;
          return (
            <g key={m.month}>
              {SERIES.map((s) => {
                const v = m.decisions[s.key];
                if (v === 0) return null;
                const top = y(acc + v);
                const rect = <rect key={s.key} x={x} y={top} width={barW} height={y(acc) - top} fill={s.color} rx={2} />;
                acc += v;
                return rect;
              })}
              <text x={pad.left + step * i + step / 2} y={height - 10} textAnchor="middle" fontSize="11" fill="#475569">
                {monthLabel.format(date(m.month))}
              </text>
            </g>
          );
        })}
        <polyline points={linePoints} fill="none" stroke="#334155" strokeWidth={2} />
        {data.map((m, i) => (
          <circle key={m.month} cx={pad.left + step * i + step / 2} cy={y(m.cases)} r={3} fill="#334155" />
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-700">
        <span className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-0.5 w-4 bg-slate-700" /> Cases logged
        </span>
        {SERIES.map((s) => (
          <span key={s.key} className="flex items-center gap-1.5">
            {/* An SVG swatch, not a style attribute: the Content-Security-Policy allows no inline styles. */}
            <svg aria-hidden viewBox="0 0 12 12" className="h-3 w-3">
              <rect width="12" height="12" rx="2" fill={s.color} />
            </svg>{" "}
            {s.label}
          </span>
        ))}
      </figcaption>
      <table className="sr-only">
        <caption>Cases logged and decisions by level per month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Cases logged</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((m) => (
            <tr key={m.month}>
              <th scope="row">{fullMonth.format(date(m.month))}</th>
              <td>{m.cases}</td>
              {SERIES.map((s) => (
                <td key={s.key}>{m.decisions[s.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
