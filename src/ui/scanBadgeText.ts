import type { VisitorData } from '../core/protocol';
import { readBadge } from '../core/capture/badge';
import type { CameraProblem } from '../app/camera';
import { MESSAGES, cameraUnavailableMessage } from '../core/messages';

/** A new visitor filled from a badge's code; the person checks it and saves. */
export function badgePrefill(text: string): Partial<VisitorData> {
  const { fields, notes } = readBadge(text);
  return { ...fields, notes, captureMethod: 'event-badge' };
}

const CAMERA_REASONS: Record<CameraProblem, string> = {
  refused: 'permission to use it was refused',
  missing: 'no camera was found',
  busy: 'another app is using it',
  unsupported: 'this browser does not allow it here',
  failed: 'it did not start',
};

export function cameraMessage(problem: CameraProblem): string {
  return cameraUnavailableMessage(CAMERA_REASONS[problem]);
}

/** What went wrong with a scan, beside the camera itself. */
export type ScanNotice = 'decoder-unavailable' | 'no-code' | 'not-an-image';

export const SCAN_NOTICES: Record<ScanNotice, string> = {
  'decoder-unavailable': MESSAGES.decoder_unavailable,
  'no-code': MESSAGES.no_code,
  'not-an-image': MESSAGES.not_an_image,
};
