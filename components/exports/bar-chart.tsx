import { useId } from "react";

export type Bar = { label: string; value: number | string };

/**
 * Horizontal bars drawn as plain SVG on the server, with the figures in a table for screen
 * readers. A suppressed count ("<3") is drawn as a short dashed bar of no real length, so
 * the chart reveals no more than the number does.
 */
export function BarChart({ title, bars, color = "#4f46e5" }: { title: string; bars: Bar[]; color?: string }) {
  const id = useId();
  const rowH = 26;
  const labelW = 150;
  const valueW = 36;
  const width = 420;
  const barMax = width - labelW - valueW;
  const max = Math.max(1, ...bars.map((b) => (typeof b.value === "number" ? b.value : 0)));
  const height = bars.length * rowH + 4;
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{title}</title>
        {bars.map((b, i) => {
          const y = i * rowH + 4;
          const suppressed = typeof b.value !== "number";
          const w = suppressed ? 14 : (b.value as number) === 0 ? 0 : Math.max(3, ((b.value as number) / max) * barMax);
          return (
            <g key={b.label}>
              <text x={labelW - 8} y={y + 14} textAnchor="end" fontSize="12" fill="#334155">
                {b.label}
              </text>
              {suppressed ? (
                <rect x={labelW} y={y + 3} width={w} height={rowH - 10} fill="none" stroke={color} strokeDasharray="3 2" rx={2} />
              ) : (
                <rect x={labelW} y={y + 3} width={w} height={rowH - 10} fill={color} rx={2} />
              )}
              <text x={labelW + w + 6} y={y + 14} fontSize="12" fill="#0f172a">
                {String(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{String(b.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
