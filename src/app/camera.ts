/** Why the camera did not start, as far as the browser tells. */
export type CameraProblem = 'refused' | 'missing' | 'busy' | 'unsupported' | 'failed';

export class CameraUnavailableError extends Error {
  constructor(readonly problem: CameraProblem, options?: { cause?: unknown }) {
    super(`Camera unavailable: ${problem}`, options);
    this.name = 'CameraUnavailableError';
  }
}

/** The rear camera where there is one (any camera elsewhere), video only. */
export async function openRearCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraUnavailableError('unsupported');
  try {
    return await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (error) {
    throw new CameraUnavailableError(problemOf(error), { cause: error });
  }
}

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/** Stops every track, so the camera (and its indicator light) turns off. */
export function stopCamera(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
