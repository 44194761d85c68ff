import { buildBackup, parseBackup } from '../core/backup/backup';
import { ATTACHMENT_TYPES, type AttachmentType } from '../core/protocol';
import type { VisitorsRepository } from '../data/visitors';
import { getMeta } from '../db/meta';
import type { OutpostDb } from '../db/schema';
import { saveFile } from './saveFile';

export interface BackupService {
  /** Downloads a backup of this device's visitors and their photos; returns how many visitors it holds. */
  download(): Promise<number>;
  /** Restores a backup file's text; the error says why a file cannot be restored. */
  restore(text: string): Promise<{ ok: true; restored: number; skipped: number } | { ok: false; error: string }>;
}

export function createBackupService(db: OutpostDb, visitors: VisitorsRepository, now: () => Date = () => new Date()): BackupService {
  async function workspace() {
    const session = await getMeta(db, 'session');
    if (!session) throw new Error('Sign in to back up or restore visitors.');
    return session.workspace;
  }

  return {
    async download() {
      const { id, name } = await workspace();
      const { rows, attachments } = await db.transaction('r', db.visitors, db.attachments, async () => {
        const rows = await db.visitors.orderBy('sortName').toArray();
        const hashes = [...new Set(rows.map((r) => r.data.cardPhoto).filter((h): h is string => h !== null))];
        return { rows, attachments: (await db.attachments.bulkGet(hashes)).filter((a) => a !== undefined) };
      });
      const backup = buildBackup({
        workspace: { id, name },
        visitors: rows,
        photos: attachments.flatMap((a) => (isAttachmentType(a.type) ? [{ hash: a.hash, type: a.type, bytes: a.bytes }] : [])),
        now: now(),
      });
      saveFile(`outpost-backup-${now().toISOString().slice(0, 10)}.json`, 'application/json', JSON.stringify(backup));
      return rows.length;
    },
    async restore(text) {
      const parsed = parseBackup(text, (await workspace()).id);
      if (!parsed.ok) return parsed;
      const { restored, skipped } = await visitors.restore(parsed.backup.visitors, parsed.photos);
      return { ok: true, restored, skipped };
    },
  };
}

const isAttachmentType = (type: string): type is AttachmentType => (ATTACHMENT_TYPES as readonly string[]).includes(type);
