// Word lists for reading a business card. Matching is per whole word.

/** Words that make a line a job title. */
export const TITLE_WORDS = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:' +
    [
      'CEO', 'CTO', 'CFO', 'COO', 'CMO', 'CIO', 'CISO', 'CPO', 'CRO', 'VP', 'SVP', 'EVP', 'President',
      'Founder', 'Co-?founder', 'Owner', 'Director', 'Manager', 'Engineer', 'Engineering', 'Head of',
      'Lead', 'Officer', 'Chief', 'Consultant', 'Designer', 'Developer', 'Partner', 'Sales', 'Marketing',
      'Architect', 'Analyst', 'Specialist', 'Executive', 'Representative', 'Coordinator', 'Associate',
      'Advisor', 'Adviser', 'Administrator', 'Scientist', 'Researcher', 'Professor', 'Principal',
      'Chair(?:man|woman|person)?', 'Secretary', 'Assistant', 'Intern', 'Operations', 'Business Development',
      'Strategist', 'Evangelist', 'Recruiter', 'Editor', 'Producer', 'Programmer', 'Technician',
      'Attorney', 'Counsel', 'Accountant', 'Supervisor', 'Managing', 'Gesch[äa]ftsf[üu]hrer(?:in)?',
      'Leiter(?:in)?', 'Directeur', 'Directrice', 'Gerente',
    ].join('|') +
    ')(?![\\p{L}\\p{N}])',
  'iu',
);

/** Legal forms: a line with one names a company. Short upper-case forms are matched by case. */
const LEGAL_ANY_CASE = ['Inc', 'Ltd', 'LLC', 'LLP', 'PLC', 'GmbH', 'Corp', 'Corporation', 'Incorporated', 'Limited', 'Pty', 'SARL', 'SRL', 'KGaA'];
const LEGAL_EXACT = ['AG', 'SA', 'S\\.A', 'SAS', 'BV', 'B\\.V', 'NV', 'N\\.V', 'AB', 'KG', 'Oy', 'SpA', 'S\\.p\\.A', 'Co\\.', 'CO\\.', '& Co'];
const BOUNDED = (words: string[]) => `(?<![\\p{L}\\p{N}])(?:${words.join('|')})\\.?(?![\\p{L}\\p{N}])`;
const LEGAL_RE = new RegExp(BOUNDED(LEGAL_ANY_CASE), 'iu');
const LEGAL_EXACT_RE = new RegExp(BOUNDED(LEGAL_EXACT), 'u');

/** Words that suggest a company but also occur in titles ("Head of Solutions"): a title word wins. */
const COMPANY_WORDS = new RegExp(
  BOUNDED([
    'Group', 'Labs?', 'Technolog(?:y|ies)', 'Tech', 'Systems', 'Solutions', 'Software', 'Consulting', 'Partners',
    'Studios?', 'Industries', 'Holdings?', 'International', 'Ventures', 'Networks', 'Analytics', 'Media',
    'Agency', 'Enterprises', 'Associates', 'Foundation', 'Institute', 'University', 'Bank', 'Capital',
    'Pharma', 'Robotics', 'Logistics', 'Services', 'Dynamics', 'Interactive',
  ]),
  'iu',
);

export const hasLegalForm = (text: string): boolean => LEGAL_RE.test(text) || LEGAL_EXACT_RE.test(text);
export const hasCompanyWord = (text: string): boolean => COMPANY_WORDS.test(text);
export const hasTitleWord = (text: string): boolean => TITLE_WORDS.test(text);

/** Lower-case words that may stand in a name: "Ludwig van Beethoven", "Ana de Souza". */
export const NAME_PARTICLES = new Set(
  ['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'la', 'le', 'del', 'della', 'bin', 'ibn', 'al', 'el', 'zu', 'dos', 'das', 'ten', 'ter', 'y'],
);

/** Mail providers: their domain says nothing about the company. */
export const FREE_MAIL = new Set([
  'gmail', 'googlemail', 'yahoo', 'ymail', 'hotmail', 'outlook', 'live', 'msn', 'icloud', 'me', 'mac', 'aol',
  'gmx', 'web', 'proton', 'protonmail', 'pm', 'yandex', 'mail', 'qq', '163', '126', 'zoho', 'fastmail',
  't-online', 'orange', 'free', 'laposte', 'libero', 'naver', 'rediffmail',
]);

/** Labels written before a phone number, by kind. */
export const PHONE_LABELS = {
  fax: ['fax', 'f', 'facsimile', 'telefax'],
  mobile: ['mobile', 'mob', 'm', 'cell', 'cellular', 'c', 'handy', 'mobil', 'gsm'],
  phone: ['tel/fax', 'phone/fax', 'tel', 'telephone', 'phone', 'ph', 't', 'p', 'office', 'o', 'direct', 'dir', 'd', 'work', 'w', 'main'],
};
export const EMAIL_LABELS = ['e-mail', 'email', 'mail', 'e'];
export const WEB_LABELS = ['website', 'web', 'www', 'url', 'internet', 'site', 'w'];
