/**
 * The consent the visitor gives by the "Agreed to be contacted" box. Its version is stored with
 * the consent (`consentVersion`), so what a visitor agreed to can be told later; change the
 * version with every change of the text.
 */
export const CONSENT_TEXT = {
  version: '2026-12',
  text: 'The visitor agrees that our team may contact them by email or phone about what was discussed at the booth.',
} as const;
