// Writes the app's icons (a white ring on blue) into public/icons: `npx tsx scripts/icons.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodePng, type Painter } from './png';

const BLUE = [29, 78, 216] as const; // the manifest's theme_color, #1d4ed8
const WHITE = [255, 255, 255] as const;
const SAMPLES = 4; // per axis, for smooth edges

/** How much of the pixel at (x, y) lies inside `shape` (coordinates as fractions of the size). */
function coverage(size: number, x: number, y: number, shape: (u: number, v: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) if (shape((x + (i + 0.5) / SAMPLES) / size, (y + (j + 0.5) / SAMPLES) / size)) hits++;
  }
  return hits / (SAMPLES * SAMPLES);
}

const ring = (outer: number, inner: number) => (u: number, v: number) => {
  const d = Math.hypot(u - 0.5, v - 0.5);
  return d <= outer && d >= inner;
};

/** A square with rounded corners (radius `r`), as the "any" icon's background. */
const roundedSquare = (r: number) => (u: number, v: number) => {
  const dx = Math.max(r - u, u - (1 - r), 0);
  const dy = Math.max(r - v, v - (1 - r), 0);
  return Math.hypot(dx, dy) <= r;
};

const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

/** The ring on blue; the background is `background`'s coverage, transparent outside it. */
function painter(size: number, outer: number, inner: number, background: (u: number, v: number) => boolean): Painter {
  return (x, y) => {
    const bg = coverage(size, x, y, background);
    const fg = coverage(size, x, y, ring(outer, inner));
    return [mix(BLUE[0], WHITE[0], fg), mix(BLUE[1], WHITE[1], fg), mix(BLUE[2], WHITE[2], fg), Math.round(255 * Math.max(bg, fg))];
  };
}

mkdirSync('public/icons', { recursive: true });
for (const size of [192, 512]) writeFileSync(`public/icons/icon-${size}.png`, encodePng(size, painter(size, 0.34, 0.2, roundedSquare(0.18))));
// Maskable: full-bleed blue, and the ring (radius 30%) well inside the safe zone, the centred
// circle of radius 40% that every platform's mask keeps.
writeFileSync('public/icons/maskable-512.png', encodePng(512, painter(512, 0.3, 0.18, () => true)));
