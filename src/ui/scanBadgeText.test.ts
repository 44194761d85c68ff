import { describe, expect, it } from 'vitest';
import { badgePrefill, cameraMessage } from './scanBadgeText';

describe('badgePrefill', () => {
  it('fills a new visitor from a vCard, as an event badge', () => {
    const vcard = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ada Lovelace', 'ORG:Engines\\, Ltd.', 'EMAIL:ada@engines.example', 'END:VCARD'].join('\r\n');
    expect(badgePrefill(vcard)).toEqual({
      name: 'Ada Lovelace',
      company: 'Engines, Ltd.',
      email: 'ada@engines.example',
      notes: '',
      captureMethod: 'event-badge',
    });
  });

  it('leaves the fields a code does not hold to the empty visitor', () => {
    expect(badgePrefill('https://tickets.example.com/b/1')).toEqual({ notes: 'https://tickets.example.com/b/1', captureMethod: 'event-badge' });
  });
});

describe('cameraMessage', () => {
  it('says why and what to do instead', () => {
    expect(cameraMessage('missing')).toBe('The camera is not available: no camera was found. Pick a photo of the badge instead.');
  });
});
