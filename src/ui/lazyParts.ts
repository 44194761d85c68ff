import { lazyPart } from './lazyPart';

// The parts of the signed-in UI that are not needed at its first paint, each a chunk of its own
// (docs/ARCHITECTURE.md, "Serving the app"). The scanner is one too (ScanBadge.tsx).

export const SyncDetails = lazyPart('sync details', () => import('./SyncDetails').then((module) => module.SyncDetails));

/** With the export writers (papaparse, vCard) and backups. */
export const ExportDialog = lazyPart('export', () => import('./ExportDialog').then((module) => module.ExportDialog));

export const ConflictDialog = lazyPart('conflict', () => import('./ConflictDialog').then((module) => module.ConflictDialog));

export const MergeDuplicatesDialog = lazyPart('merge', () =>
  import('./MergeDuplicatesDialog').then((module) => module.MergeDuplicatesDialog),
);

export const VisitorHistory = lazyPart('history', () => import('./VisitorHistory').then((module) => module.VisitorHistory));
