import { z } from 'zod';
import { attachmentHashSchema } from './visitor';

/**
 * Attachments (business card photos) travel apart from ops, addressed by content: a record
 * holds the SHA-256 of the bytes, and the bytes go by `PUT /api/attachments/<sha256>` (the
 * server checks hash and size; a second upload of the same bytes changes nothing) and come back
 * by `GET /api/attachments/<sha256>`, both scoped to the caller's workspace.
 *
 * An upload answers 201 (stored) or 200 (the workspace had it) with `AttachmentUploadResponse`;
 * a refusal is an `ApiErrorBody` with the code `bad_request` (not a hash, or empty), `hash_mismatch`
 * (400), `attachment_too_large` (413) or `unsupported_media_type` (415). None of them gets better by
 * sending the same bytes again. A download answers the bytes with their type, or 404 `not_found`.
 * The server deletes a photo no live record has referenced for a day (docs/ARCHITECTURE.md).
 */

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const attachmentTypeSchema = z.enum(ATTACHMENT_TYPES);

export { attachmentHashSchema };

export function attachmentPath(hash: string): string {
  return `/api/attachments/${hash}`;
}

/** The answer to an upload: `stored` is false when the workspace already had these bytes. */
export const attachmentUploadResponseSchema = z.object({
  hash: attachmentHashSchema,
  size: z.number().int().nonnegative(),
  stored: z.boolean(),
});
export type AttachmentUploadResponse = z.infer<typeof attachmentUploadResponseSchema>;
