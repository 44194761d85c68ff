/**
 * Pure three-way merges, shared by the server (automatic merge of contended fields) and the
 * conflict dialog (the "Merged" option). No I/O.
 */

/** Items added by either side are kept, items removed by either side are removed. */
export function mergeSets(base: readonly string[], mine: readonly string[], theirs: readonly string[]): string[] {
  const baseSet = new Set(base);
  const removed = new Set([...base.filter((x) => !mine.includes(x)), ...base.filter((x) => !theirs.includes(x))]);
  const result = theirs.filter((x) => !removed.has(x));
  for (const item of mine) {
    if (!baseSet.has(item) && !result.includes(item)) result.push(item);
  }
  return result;
}

/**
 * Counts the work merges do, deterministically, so that a caller can bound the work of many
 * merges together (a push's budget, src/core/push/pushBudget.ts): one unit per character of the
 * texts a text merge reads and per line it compares, and one per cell of its diff table.
 */
export interface WorkMeter {
  spent: number;
}

/** Replace base lines [start, end) with `lines`. */
interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

/** Above this many comparisons the diff is not attempted and the text counts as contended. */
const MAX_DIFF_CELLS = 4_000_000;

function diffHunks(base: string[], other: string[], meter?: WorkMeter): Hunk[] | null {
  let prefix = 0;
  while (prefix < base.length && prefix < other.length && base[prefix] === other[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < base.length - prefix &&
    suffix < other.length - prefix &&
    base[base.length - 1 - suffix] === other[other.length - 1 - suffix]
  ) {
    suffix++;
  }
  const a = base.slice(prefix, base.length - suffix);
  const b = other.slice(prefix, other.length - suffix);
  const cells = (a.length + 1) * (b.length + 1);
  if (meter) meter.spent += prefix + suffix;
  if (cells > MAX_DIFF_CELLS) return null;
  if (meter) meter.spent += cells;

  // Longest common subsequence table, from the end.
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const hunks: Hunk[] = [];
  let open: Hunk | null = null;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      if (open) {
        hunks.push(open);
        open = null;
      }
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
      open ??= { start: prefix + i, end: prefix + i, lines: [] };
      open.lines.push(b[j]!);
      j++;
    } else {
      open ??= { start: prefix + i, end: prefix + i, lines: [] };
      open.end = prefix + i + 1;
      i++;
    }
  }
  if (open) hunks.push(open);
  return hunks;
}

const sameHunk = (x: Hunk, y: Hunk) =>
  x.start === y.start && x.end === y.end && x.lines.length === y.lines.length && x.lines.every((l, k) => l === y.lines[k]);

const isInsertion = (h: Hunk) => h.start === h.end;

/** Empty text has no lines (not one empty line), so adding the first line is an insertion. */
const toLines = (text: string) => (text === '' ? [] : text.split('\n'));

/** `lines` minus one occurrence per line in `seen` (a line both added counts once). */
function withoutLines(lines: readonly string[], seen: readonly string[]): string[] {
  const left = [...seen];
  return lines.filter((line) => {
    const at = left.indexOf(line);
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
}

/**
 * Two edits clash when they change a common base line, or when one inserts lines inside a
 * range the other replaces. Edits of neighbouring lines do not clash: each replaces its own
 * base lines, so the result's order is the base's.
 */
function clashes(x: Hunk, y: Hunk): boolean {
  if (isInsertion(x) && isInsertion(y)) return false; // same point: both kept (see below)
  if (isInsertion(x)) return y.start < x.start && x.start < y.end;
  if (isInsertion(y)) return x.start < y.start && y.start < x.end;
  return x.start < y.end && y.start < x.end;
}

/**
 * Line-wise three-way merge. Returns the merged text when the two sides changed different
 * lines, or null when their edits change the same lines (a conflict for the person). Lines
 * both sides inserted at the same point are all kept, theirs (already on the server) first —
 * two people each adding a line to the notes is the common case, not a conflict.
 */
export function mergeText(base: string, mine: string, theirs: string, meter?: WorkMeter): string | null {
  if (meter) meter.spent += base.length + mine.length + theirs.length;
  if (mine === theirs || base === theirs) return mine;
  if (base === mine) return theirs;
  const baseLines = toLines(base);
  const mineHunks = diffHunks(baseLines, toLines(mine), meter);
  const theirHunks = diffHunks(baseLines, toLines(theirs), meter);
  if (!mineHunks || !theirHunks) return null;

  const hunks: Hunk[] = [...mineHunks];
  for (const hunk of theirHunks) {
    if (mineHunks.some((m) => clashes(m, hunk) && !sameHunk(m, hunk))) return null;
    const twin = mineHunks.find((m) => isInsertion(m) && isInsertion(hunk) && m.start === hunk.start);
    if (twin && !sameHunk(twin, hunk)) {
      hunks[hunks.indexOf(twin)] = { ...hunk, lines: [...hunk.lines, ...withoutLines(twin.lines, hunk.lines)] };
    } else if (!mineHunks.some((m) => sameHunk(m, hunk))) hunks.push(hunk);
  }
  // An insertion at a point goes before a replacement starting there.
  hunks.sort((x, y) => x.start - y.start || x.end - y.end);

  const out: string[] = [];
  let at = 0;
  for (const hunk of hunks) {
    out.push(...baseLines.slice(at, hunk.start), ...hunk.lines);
    at = hunk.end;
  }
  out.push(...baseLines.slice(at));
  return out.join('\n');
}
