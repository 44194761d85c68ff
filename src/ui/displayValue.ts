import { CAPTURE_METHOD_LABELS, type CaptureMethod, type VisitorField } from '../core/protocol';
import { formatTime } from './format';

/** A field's value in words, for history and the conflict dialog. */
export function displayValue(field: VisitorField | string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  switch (field) {
    case 'interests':
      return Array.isArray(value) && value.length ? value.join(', ') : '(none)';
    case 'followUp':
    case 'consent':
      return value ? 'Yes' : 'No';
    case 'captureMethod':
      return CAPTURE_METHOD_LABELS[value as CaptureMethod] ?? String(value);
    case 'capturedAt':
    case 'consentAt':
      return formatTime(String(value));
    case 'distinctFrom':
      return Array.isArray(value) && value.length ? `${value.length} ${value.length === 1 ? 'visitor' : 'visitors'}` : '(none)';
    case 'rating':
      return `${String(value)} of 5`;
    default:
      return String(value);
  }
}

/** The fields a person answers yes or no (checkboxes in the form). */
export const isYesNoField = (field: VisitorField | string): boolean => field === 'followUp' || field === 'consent';
