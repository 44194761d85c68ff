import { z } from 'zod';
import { cleanText } from './text';

const email = z.string().trim().toLowerCase().max(254).email('Enter a valid email address');
const password = z.string().min(8, 'Password must be at least 8 characters').max(200, 'Password is too long');

// A name is shown to people: control characters have no place in it (and PostgreSQL text refuses NUL).
const workspaceName = z
  .string()
  .trim()
  .min(1, 'Workspace name is required')
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, 'Workspace name cannot contain control characters');

export const signupSchema = z.union([
  z.object({ email, password, workspaceName }).strict(),
  z.object({ email, password, inviteCode: cleanText(z.string().trim().min(4, 'Enter the invite code').max(64), 'Invite code') }).strict(),
]);
export type SignupRequest = z.infer<typeof signupSchema>;

export const loginSchema = z.object({ email, password: z.string().min(1, 'Enter your password').max(200) }).strict();
export type LoginRequest = z.infer<typeof loginSchema>;

export const sessionSchema = z.object({
  user: z.object({ id: z.string(), email: z.string() }),
  workspace: z.object({ id: z.string(), name: z.string() }),
});
export type Session = z.infer<typeof sessionSchema>;

export const inviteResponseSchema = z.object({ code: z.string(), expiresAt: z.string() });
export type InviteResponse = z.infer<typeof inviteResponseSchema>;
