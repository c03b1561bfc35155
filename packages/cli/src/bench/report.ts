import type { ComparisonResult } from "./compare";
import { ratio, type VariantStats } from "./stats";

/** A ratio with 2 decimals, or "n/a" when there is nothing to divide by. */
export function formatRatio(value: number | null): string {
  return value === null ? "n/a" : value.toFixed(2);
}

const HEADINGS = ["", "req/s", "p50 ms", "p95 ms", "SQL/req", "new conns/req"];

/** `counted`: false for variants served by processes of their own, whose SQL and connections are not counted ("-"). */
function statsCells(stats: VariantStats, counted: boolean): string[] {
  const counts = counted ? [stats.statementsPerRequest.toFixed(2), stats.connectionsPerRequest.toFixed(2)] : ["-", "-"];
  return [stats.requestsPerSecond.toFixed(1), stats.p50Ms.toFixed(2), stats.p95Ms.toFixed(2), ...counts];
}

function ratioCells(subject: VariantStats, baseline: VariantStats, counted: boolean): string[] {
  return [
    formatRatio(ratio(subject.requestsPerSecond, baseline.requestsPerSecond)),
    formatRatio(ratio(subject.p50Ms, baseline.p50Ms)),
    formatRatio(ratio(subject.p95Ms, baseline.p95Ms)),
    counted ? formatRatio(ratio(subject.statementsPerRequest, baseline.statementsPerRequest)) : "-",
    // A ratio of connection counts says nothing the counts do not.
    "-",
  ];
}

/** Pads the first column to the left and the others to the right. */
function layout(rows: (string[] | string)[]): string {
  const tableRows = rows.filter((row): row is string[] => Array.isArray(row));
  const widths = HEADINGS.map((_, column) => Math.max(...tableRows.map((row) => row[column].length)));
  return rows
    .map((row) => (typeof row === "string" ? row : row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]))).join("  ")))
    .join("\n");
}

/** The results table, each comparison with its two variants, its ratio row and its one-line reading. */
export function formatReport(results: ComparisonResult[]): string {
  const rows: (string[] | string)[] = [HEADINGS];
  results.forEach(({ comparison, subject, baseline }, index) => {
    const counted = !comparison.subject.uncounted && !comparison.baseline.uncounted;
    rows.push(`${index + 1}. ${comparison.title}`);
    rows.push([`   ${comparison.subject.label}`, ...statsCells(subject, !comparison.subject.uncounted)]);
    rows.push([`   ${comparison.baseline.label} (baseline)`, ...statsCells(baseline, !comparison.baseline.uncounted)]);
    rows.push([`   ratio ${comparison.subject.label} ÷ baseline`, ...ratioCells(subject, baseline, counted)]);
  });
  const table = layout(rows);
  const readings = results.map(({ comparison, subject, baseline }, index) => `${index + 1}. ${comparison.summary(subject, baseline)}`);
  return `${table}\n\n${readings.join("\n")}`;
}
