import type pg from 'pg';
import type { OpenInvite } from './types';

/*
 * PostgresStorage's invite listing and revoking (the `Storage` methods of the same names),
 * apart so that the class stays readable. Every query names the workspace.
 */

export async function listInvites(pool: pg.Pool, workspaceId: string, at: string): Promise<OpenInvite[]> {
  const { rows } = await pool.query<{ code: string; createdBy: string; createdAt: Date; expiresAt: Date }>(
    `SELECT i.code, u.email AS "createdBy", i.created_at AS "createdAt", i.expires_at AS "expiresAt"
     FROM invites i JOIN users u ON u.id = i.created_by
     WHERE i.workspace_id = $1 AND i.used_at IS NULL AND i.expires_at > $2::timestamptz
     ORDER BY i.created_at DESC, i.code`,
    [workspaceId, at],
  );
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString() }));
}

export async function revokeInvite(pool: pg.Pool, workspaceId: string, code: string): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM invites WHERE workspace_id = $1 AND code = $2 AND used_at IS NULL', [
    workspaceId,
    code,
  ]);
  return (rowCount ?? 0) > 0;
}
