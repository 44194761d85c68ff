import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { createBarcodeReader, readImageFile, scanVideo } from '../app/barcode';
import { CameraUnavailableError, openRearCamera, stopCamera, type CameraProblem } from '../app/camera';
import type { ScanNotice } from './scanBadgeText';

export type CameraState = { kind: 'starting' } | { kind: 'on' } | { kind: 'off'; problem: CameraProblem };

/**
 * While mounted: the rear camera in `videoRef`, its frames read until a code decodes, then
 * `onDecoded(text)`. Unmounting (or a decode) stops every camera track.
 */
export function useScanBadge(onDecoded: (text: string) => void) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<CameraState>({ kind: 'starting' });
  const [notice, setNotice] = useState<ScanNotice | null>(null);
  const [readingPhoto, setReadingPhoto] = useState(false);
  const decoded = useEffectEvent(onDecoded);

  useEffect(() => {
    const abort = new AbortController();
    let stream: MediaStream | undefined;
    const reader = createBarcodeReader();
    reader.catch(() => {
      if (!abort.signal.aborted) setNotice('decoder-unavailable');
    });
    void (async () => {
      try {
        stream = await openRearCamera();
        // Closed while the browser was starting the camera: nobody is looking any more.
        if (abort.signal.aborted || !videoRef.current) return stopCamera(stream);
        videoRef.current.srcObject = stream;
        setCamera({ kind: 'on' });
        const text = await scanVideo(await reader, videoRef.current, abort.signal);
        stopCamera(stream);
        decoded(text);
      } catch (error) {
        if (!abort.signal.aborted && error instanceof CameraUnavailableError) setCamera({ kind: 'off', problem: error.problem });
      }
    })();
    return () => {
      abort.abort();
      stopCamera(stream);
    };
  }, []);

  async function readPhoto(file: File) {
    setNotice(null);
    setReadingPhoto(true);
    try {
      const reader = await createBarcodeReader().catch(() => null);
      if (!reader) return setNotice('decoder-unavailable');
      const text = await readImageFile(reader, file).catch(() => undefined);
      if (text === undefined) setNotice('not-an-image');
      else if (text === null) setNotice('no-code');
      else onDecoded(text);
    } finally {
      setReadingPhoto(false);
    }
  }

  return { videoRef, camera, notice, readingPhoto, readPhoto };
}
