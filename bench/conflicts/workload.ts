import type { VisitorData } from '../../src/core/protocol';
import { mulberry32, type Rng } from './prng';

/**
 * The seeded workload (pure): the visitors a booth team starts from, then rounds in which two to
 * five people edit leads offline and come back online in a random order. Edits are abstract
 * ("append a line to the notes", "remove one of the interests") with their random draws fixed
 * here, so every strategy replays exactly the same person-level actions; `edits.ts` turns one
 * into a concrete change against whatever the device shows at that moment.
 */

export type EditKind =
  | 'name'
  | 'company'
  | 'title'
  | 'phone'
  | 'email'
  | 'rating'
  | 'followUp'
  | 'addInterest'
  | 'removeInterest'
  | 'appendNote'
  | 'editNoteLine'
  | 'delete';

/**
 * What people do to a lead after capturing it, as a share of edits: notes and interests grow,
 * the lead gets rated and flagged, contact fields are corrected; deleting is rare.
 */
export const EDIT_WEIGHTS: Readonly<Record<EditKind, number>> = {
  appendNote: 18,
  editNoteLine: 6,
  addInterest: 16,
  removeInterest: 4,
  rating: 12,
  followUp: 10,
  title: 7,
  phone: 7,
  email: 7,
  company: 6,
  name: 3,
  delete: 0.7,
};

/** How many edits one person makes to a lead while it is open (1–4). */
const EDITS_PER_SESSION = { 1: 35, 2: 30, 3: 20, 4: 15 } as const;

export interface AbstractEdit {
  /** Global sequence number; also makes every generated value unique. */
  n: number;
  visitor: string;
  kind: EditKind;
  /** Draws for choosing a value, a line or an item against the current data. */
  r1: number;
  r2: number;
}

export interface ClientRound {
  client: number;
  edits: AbstractEdit[];
}

export interface Round {
  /** The people offline this round, with their edits in the order they made them. */
  clients: ClientRound[];
  /** The order in which they come back online and push. */
  pushOrder: number[];
}

export interface WorkloadOptions {
  seed: number;
  edits: number;
  visitors: number;
  clients: number;
  minOnline: number;
  maxOnline: number;
  /** Chance that a session opens one of the round's "hot" leads rather than any lead. */
  hotShare: number;
}

export const DEFAULT_OPTIONS: WorkloadOptions = {
  seed: 20250501,
  edits: 10_000,
  visitors: 300,
  clients: 5,
  minOnline: 2,
  maxOnline: 5,
  hotShare: 0.6,
};

export interface Workload {
  options: WorkloadOptions;
  visitors: { id: string; data: VisitorData }[];
  rounds: Round[];
  edits: number;
}

export function generateWorkload(options: WorkloadOptions = DEFAULT_OPTIONS): Workload {
  const rng = mulberry32(options.seed);
  const visitors = Array.from({ length: options.visitors }, (_, i) => ({ id: rng.uuid(), data: initialVisitor(rng, i) }));
  let live = visitors.map((v) => v.id);
  const rounds: Round[] = [];
  let n = 0;

  while (n < options.edits) {
    const online = rng.shuffle(range(options.clients)).slice(0, rng.int(options.minOnline, options.maxOnline));
    const hot = rng.shuffle(live).slice(0, rng.int(1, 3));
    const deletedThisRound = new Set<string>();
    const clients: ClientRound[] = [];
    for (const client of online) {
      const edits: AbstractEdit[] = [];
      const deletedByMe = new Set<string>();
      const sessions = rng.int(1, 3);
      for (let s = 0; s < sessions && n < options.edits; s++) {
        const visitor = rng.chance(options.hotShare) ? rng.pick(hot) : rng.pick(live);
        if (deletedByMe.has(visitor)) continue; // gone on this device
        const count = Number(rng.weighted(EDITS_PER_SESSION));
        for (let e = 0; e < count && n < options.edits; e++) {
          const kind = rng.weighted(EDIT_WEIGHTS);
          edits.push({ n: n++, visitor, kind, r1: rng.next(), r2: rng.next() });
          if (kind === 'delete') {
            deletedByMe.add(visitor);
            deletedThisRound.add(visitor);
            break;
          }
        }
      }
      if (edits.length) clients.push({ client, edits });
    }
    if (!clients.length) continue;
    rounds.push({ clients, pushOrder: rng.shuffle(clients.map((c) => c.client)) });
    // Nobody edits a lead after someone tried to delete it (whether or not the delete stuck).
    if (deletedThisRound.size) live = live.filter((id) => !deletedThisRound.has(id));
  }
  return { options, visitors, rounds, edits: n };
}

const range = (k: number) => Array.from({ length: k }, (_, i) => i);

export const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim', 'Margaret', 'Linus'];
export const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Berners-Lee', 'Hamilton', 'Torvalds'];
export const COMPANIES = ['Analytical Engines', 'Northwind', 'Globex', 'Initech', 'Umbrella Logistics', 'Stark Industrial', 'Hooli', 'Vandelay Imports', 'Acme Robotics', 'Wayne Data'];
export const TITLES = ['Engineer', 'CTO', 'Head of IT', 'Buyer', 'Product Manager', 'Operations Lead', 'Founder', 'Analyst', 'Sales Director', 'Architect'];
export const TITLE_AREAS = ['EMEA', 'Platform', 'Procurement', 'Field Ops', 'Security', 'Data', 'Retail', 'Cloud', 'R&D', 'Logistics'];
export const INTERESTS = [
  'pricing', 'api', 'security', 'sso', 'mobile', 'analytics', 'integrations', 'onboarding', 'support', 'compliance',
  'reporting', 'offline', 'hardware', 'training', 'partnership', 'cloud', 'on-prem', 'ai', 'export', 'demo',
];
export const NOTE_PHRASES = [
  'Wants a quote for the team plan',
  'Asked about the offline mode',
  'Send the security whitepaper',
  'Budget decided in Q3',
  'Currently uses spreadsheets',
  'Met their colleague yesterday',
  'Call back after the show',
  'Interested in a pilot',
  'Needs SSO with Azure AD',
  'Prefers email over phone',
  'Decision maker is the CFO',
  'Book a demo next week',
];

function initialVisitor(rng: Rng, i: number): VisitorData {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const noteLines = rng.int(0, 3);
  return {
    name: `${first} ${last}`,
    company: rng.pick(COMPANIES),
    email: `${first}.${last}.${i}@example.com`.toLowerCase(),
    phone: `+1 555 ${String(1_000_000 + i).slice(1)}`,
    title: rng.pick(TITLES),
    interests: rng.shuffle(INTERESTS).slice(0, rng.int(0, 3)),
    notes: Array.from({ length: noteLines }, (_, k) => `${rng.pick(NOTE_PHRASES)} (v${i}.${k})`).join('\n'),
    captureMethod: rng.pick(['business-card', 'event-badge', 'qr-code', 'manual'] as const),
    capturedAt: new Date(Date.UTC(2025, 4, 1, 9) + i * 97_000).toISOString(),
    rating: rng.int(0, 5),
    followUp: rng.chance(0.3),
    cardPhoto: null,
    consent: false,
    consentVersion: '',
    consentAt: null,
    capturedBy: '',
    distinctFrom: [],
  };
}
