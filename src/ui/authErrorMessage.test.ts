import { describe, expect, it } from 'vitest';
import { ApiError, OfflineError } from '../app/api';
import { WorkspaceSwitchError } from '../app/session';
import { authErrorMessage } from './authErrorMessage';

describe('authErrorMessage', () => {
  it('shows the server’s words, with its field errors', () => {
    const refused = new ApiError(400, 'invalid', 'Check the highlighted fields.', { email: 'Enter an email address' });
    expect(authErrorMessage(refused)).toEqual({ message: 'Check the highlighted fields.', fields: { email: 'Enter an email address' } });
  });

  it('says when to try again after too many attempts, from the server’s Retry-After', () => {
    const throttled = (retryAfterMs: number | null) =>
      authErrorMessage(new ApiError(429, 'too_many_attempts', 'Too many attempts. Try again later', {}, retryAfterMs)).message;
    expect(throttled(300_000)).toBe('Too many attempts. Try again in 5 minutes.');
    expect(throttled(299_400)).toBe('Too many attempts. Try again in 5 minutes.');
    expect(throttled(60_000)).toBe('Too many attempts. Try again in 1 minute.');
    expect(throttled(1_000)).toBe('Too many attempts. Try again in 1 second.');
    expect(throttled(45_000)).toBe('Too many attempts. Try again in 45 seconds.');
    expect(throttled(3_600_000)).toBe('Too many attempts. Try again in 1 hour.');
    expect(throttled(null)).toBe('Too many attempts. Try again later.');
  });

  it('says that signing in needs a connection when offline', () => {
    expect(authErrorMessage(new OfflineError())).toEqual({
      message: "Can't reach the server. Signing in needs a connection — try again when you're online.",
      fields: {},
    });
  });

  it('shows any other error’s message (a blocked workspace switch), or a generic one', () => {
    expect(authErrorMessage(new WorkspaceSwitchError('Expo', 1)).message).toBe(
      'This device still has 1 unsynced change for workspace “Expo”. Sign in to that workspace and let them sync first.',
    );
    expect(authErrorMessage('odd')).toEqual({ message: 'Something went wrong. Try again.', fields: {} });
  });
});
