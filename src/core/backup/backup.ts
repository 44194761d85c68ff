import { z } from 'zod';
import { ATTACHMENT_TYPES, attachmentHashSchema, storedVisitorDataSchema, type AttachmentType, type VisitorData } from '../protocol';

/**
 * A backup file: the visitors this device shows (pending edits included) and the photos they
 * name that the device holds, to restore into Outpost on this or another device. Restoring adds
 * each visitor as an ordinary create under its original id, so nothing is duplicated: a visitor
 * the device already has is skipped, and the server answers a create of a record it holds with
 * the same data as already applied.
 */
export const BACKUP_FORMAT = 'outpost-backup';
export const BACKUP_VERSION = 1;

const backupPhotoSchema = z.object({
  hash: attachmentHashSchema,
  type: z.enum(ATTACHMENT_TYPES),
  /** The bytes, base64. */
  base64: z.string(),
});

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string(),
  workspace: z.object({ id: z.string(), name: z.string() }),
  visitors: z.array(z.object({ id: z.string().uuid(), data: storedVisitorDataSchema })),
  photos: z.array(backupPhotoSchema),
});
export type Backup = z.infer<typeof backupSchema>;

export interface BackupPhoto {
  hash: string;
  type: AttachmentType;
  bytes: ArrayBuffer;
}

export function buildBackup(input: {
  workspace: { id: string; name: string };
  visitors: readonly { id: string; data: VisitorData }[];
  photos: readonly BackupPhoto[];
  now: Date;
}): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: input.now.toISOString(),
    workspace: input.workspace,
    visitors: input.visitors.map(({ id, data }) => ({ id, data })),
    photos: input.photos.map((p) => ({ hash: p.hash, type: p.type, base64: toBase64(p.bytes) })),
  };
}

export type ParsedBackup = { ok: true; backup: Backup; photos: BackupPhoto[] } | { ok: false; error: string };

/** Reads a backup file's text; the error says in plain words why it cannot be restored. */
export function parseBackup(text: string, workspaceId: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not an Outpost backup (it is not JSON).' };
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: 'This file is not an Outpost backup, or it is damaged.' };
  if (parsed.data.workspace.id !== workspaceId) {
    return { ok: false, error: `This backup is of the workspace “${parsed.data.workspace.name}”. Sign in to that workspace to restore it.` };
  }
  return { ok: true, backup: parsed.data, photos: parsed.data.photos.map((p) => ({ hash: p.hash, type: p.type, bytes: fromBase64(p.base64) })) };
}

function toBase64(bytes: ArrayBuffer): string {
  let text = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) text += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(base64: string): ArrayBuffer {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}
