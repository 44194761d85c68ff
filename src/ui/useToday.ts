import { useEffect, useMemo, useState } from 'react';

/** This device's calendar day around `now`, as the ISO instants `capturedAt` is compared with. */
export function localDay(now: Date): { from: string; to: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** Today on this device's clock and time zone; it moves on at midnight while the page is open. */
export function useToday(): { from: string; to: string } {
  const [now, setNow] = useState(() => new Date());
  const day = useMemo(() => localDay(now), [now]);
  useEffect(() => {
    const timer = setTimeout(() => setNow(new Date()), Math.max(1000, Date.parse(day.to) - Date.now() + 1000));
    return () => clearTimeout(timer);
  }, [day.to]);
  return day;
}
