import { useLive } from './useLive';

const count = (n: number) => n.toLocaleString('en-US');
const visitors = (n: number) => `${count(n)} visitor${n === 1 ? '' : 's'}`;

/** "12 visitors · 3 today · 2 to follow up": everyone on this device, whatever the filters. */
export function ListSummary({ today }: { today: { from: string; to: string } }) {
  const summary = useLive((q) => q.visitorSummary(today), [today.from, today.to]);
  if (!summary) return <p className="list-summary">Loading…</p>;
  return (
    <p className="list-summary">
      {visitors(summary.total)} · {count(summary.today)} today · {count(summary.followUp)} to follow up
    </p>
  );
}
