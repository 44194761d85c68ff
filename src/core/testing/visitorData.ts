import type { VisitorData } from '../protocol';

/** A valid visitor for tests. */
export function visitorData(overrides: Partial<VisitorData> = {}): VisitorData {
  return {
    name: 'Ada Lovelace',
    company: 'Analytical Engines',
    email: 'ada@example.com',
    phone: '+44 20 7946 0000',
    title: 'Mathematician',
    interests: ['engines'],
    notes: '',
    captureMethod: 'business-card',
    capturedAt: '2025-05-01T10:00:00.000Z',
    rating: 4,
    followUp: false,
    cardPhoto: null,
    consent: false,
    consentVersion: '',
    consentAt: null,
    capturedBy: '',
    distinctFrom: [],
    ...overrides,
  };
}
