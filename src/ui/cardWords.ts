import { MESSAGES } from '../core/messages';

/** The words of the card photo and card reading; the error words come from src/core/messages.ts. */
export const CARD_WORDS = {
  fromCard: 'From the card — check it',
  notDownloaded: 'Photo not downloaded yet',
  preparing: 'Preparing the photo…',
  photoUnreadable: MESSAGES.photo_unreadable,
  readerUnavailable: MESSAGES.reader_unavailable,
  readFailed: MESSAGES.read_failed,
  nothingRead: 'No contact details were found on the card. Type them instead.',
  filledSome: (count: number) => `Filled ${count} field${count === 1 ? '' : 's'} from the card. Check them before saving.`,
  filledNone: 'The card was read, but every field it found is already filled in.',
} as const;
