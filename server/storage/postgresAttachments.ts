import type pg from 'pg';
import { graceCutoff } from './attachments';
import type { NewAttachment, StoredAttachment } from './types';

/*
 * PostgresStorage's attachments (the `Storage` methods of the same names), apart so that the
 * class stays readable. Every query names the workspace.
 */

/** Old and referenced by no live record of its workspace (through `records_card_photo`). */
const COLLECTABLE = `a.uploaded_at < $1::timestamptz AND NOT EXISTS (
  SELECT 1 FROM records r WHERE r.workspace_id = a.workspace_id AND r.card_photo = a.hash)`;

export async function putAttachment(
  pool: pg.Pool,
  workspaceId: string,
  { hash, type, bytes }: NewAttachment,
  at: string,
): Promise<{ stored: boolean }> {
  // Looked up first so that a repeated upload does not ship 5 MiB to the database for nothing.
  const found = await pool.query<{ collectable: boolean }>(
    'SELECT uploaded_at < $3::timestamptz AS collectable FROM attachments WHERE workspace_id = $1 AND hash = $2',
    [workspaceId, hash, graceCutoff(at)],
  );
  const existing = found.rows[0];
  if (existing && !existing.collectable) return { stored: false };
  if (existing) {
    const renewed = await pool.query(
      'UPDATE attachments SET uploaded_at = greatest(uploaded_at, $3::timestamptz) WHERE workspace_id = $1 AND hash = $2',
      [workspaceId, hash, at],
    );
    if (renewed.rowCount === 1) return { stored: false };
    // Collected in between: store it again.
  }
  // DO NOTHING: an upload of the same bytes may have won the race since the lookup.
  const inserted = await pool.query(
    `INSERT INTO attachments (workspace_id, hash, type, size, bytes, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
     ON CONFLICT (workspace_id, hash) DO NOTHING`,
    [workspaceId, hash, type, bytes.length, bytes, at],
  );
  return { stored: inserted.rowCount === 1 };
}

export async function getAttachment(pool: pg.Pool, workspaceId: string, hash: string): Promise<StoredAttachment | null> {
  const { rows } = await pool.query<StoredAttachment>('SELECT type, bytes FROM attachments WHERE workspace_id = $1 AND hash = $2', [
    workspaceId,
    hash,
  ]);
  return rows[0] ?? null;
}

export async function collectAttachments(pool: pg.Pool, workspaceId: string | null, olderThan: string): Promise<number> {
  const result =
    workspaceId === null
      ? await pool.query(`DELETE FROM attachments a WHERE ${COLLECTABLE}`, [olderThan])
      : await pool.query(`DELETE FROM attachments a WHERE ${COLLECTABLE} AND a.workspace_id = $2`, [olderThan, workspaceId]);
  return result.rowCount ?? 0;
}
