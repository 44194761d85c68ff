export { readBadge, type BadgeReading, type ContactFields } from './badge';
export { readCard, type CardReading, type OcrLine } from './cardText';
