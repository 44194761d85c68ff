import { describe, expect, it } from 'vitest';
import { displayUrl, readConfig } from './config';

describe('readConfig', () => {
  it('has the documented defaults', () => {
    expect(readConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: './data/outpost.sqlite',
      cookieSecure: false,
      logLevel: 'info',
      signupsPerHour: 10,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('reads the environment', () => {
    const config = readConfig({ PORT: '3000', HOST: '127.0.0.1', DATABASE_URL: 'sqlite:./x.sqlite', COOKIE_SECURE: 'true' });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: 'sqlite:./x.sqlite', cookieSecure: true });
  });

  it('reads the sign-up limit per address, refusing one that is not a positive whole number', () => {
    expect(readConfig({ SIGNUPS_PER_HOUR: '500' }).signupsPerHour).toBe(500);
    expect(() => readConfig({ SIGNUPS_PER_HOUR: '0' })).toThrow('SIGNUPS_PER_HOUR "0" is not a positive whole number');
    expect(() => readConfig({ SIGNUPS_PER_HOUR: 'lots' })).toThrow('SIGNUPS_PER_HOUR "lots" is not a positive whole number');
  });

  it('reads the shutdown deadline, refusing one that is not a positive whole number of ms', () => {
    expect(readConfig({ SHUTDOWN_TIMEOUT_MS: '1500' }).shutdownTimeoutMs).toBe(1500);
    expect(() => readConfig({ SHUTDOWN_TIMEOUT_MS: '-1' })).toThrow('SHUTDOWN_TIMEOUT_MS "-1" is not a positive whole number');
  });

  it('refuses a PORT that is not a port', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow('PORT "eighty" is not a port number');
  });
});

describe('displayUrl', () => {
  it('shows a wildcard host as localhost', () => {
    expect(displayUrl('0.0.0.0', 8080)).toBe('http://localhost:8080');
    expect(displayUrl('::', 8080)).toBe('http://localhost:8080');
    expect(displayUrl('127.0.0.1', 81)).toBe('http://127.0.0.1:81');
    expect(displayUrl('::1', 81)).toBe('http://[::1]:81');
  });
});
