import { z } from 'zod';

/** An invite of the caller's workspace that can still be used: not used, revoked or expired. */
export const openInviteSchema = z.object({
  code: z.string(),
  /** The email of the member who created it. */
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type OpenInvite = z.infer<typeof openInviteSchema>;

/** `GET /api/workspace/invites`: the workspace's open invites, newest first. */
export const inviteListResponseSchema = z.object({ invites: z.array(openInviteSchema) });
export type InviteListResponse = z.infer<typeof inviteListResponseSchema>;
