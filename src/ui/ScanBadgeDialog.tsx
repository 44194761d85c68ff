import { useId } from 'react';
import { useScanBadge, type CameraState } from './useScanBadge';
import type { VisitorData } from '../core/protocol';
import { SCAN_NOTICES, badgePrefill, cameraMessage } from './scanBadgeText';
import { ModalDialog } from './ModalDialog';

export interface ScanBadgeProps {
  /** A code was read: the values for a new visitor (the dialog is still open; close it). */
  onScanned: (prefill: Partial<VisitorData>) => void;
  onClose: () => void;
}

/**
 * "Scan badge": a modal <dialog> with the rear camera's preview, read on the device until a
 * code decodes, and "Scan from photo" for when the camera cannot help. Escape means Cancel.
 */
export function ScanBadgeDialog({ onScanned, onClose }: ScanBadgeProps) {
  const { videoRef, camera, notice, readingPhoto, readPhoto } = useScanBadge((text) => onScanned(badgePrefill(text)));


  return (
    <ModalDialog title="Scan badge" className="conflict-dialog scan-dialog" onClose={onClose}>
      <video
        ref={videoRef}
        aria-label="Camera preview"
        autoPlay
        muted
        playsInline
        hidden={camera.kind === 'off'}
        style={{ width: '100%', maxHeight: '55vh', background: '#111', borderRadius: 8 }}
      />
      <CameraNote camera={camera} />
      {notice && (
        <p role="alert" className="error">
          {SCAN_NOTICES[notice]}
        </p>
      )}
      <PhotoPicker disabled={readingPhoto} onPick={readPhoto} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}

function CameraNote({ camera }: { camera: CameraState }) {
  if (camera.kind === 'off') {
    return (
      <p role="alert" className="error">
        {cameraMessage(camera.problem)}
      </p>
    );
  }
  return <p role="status">{camera.kind === 'on' ? 'Hold the code on the badge in front of the camera.' : 'Starting the camera…'}</p>;
}

/** A photo of the badge, from the gallery or the camera app: read the same way as a frame. */
function PhotoPicker({ disabled, onPick }: { disabled: boolean; onPick: (file: File) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Scan from photo</label>
      <input
        id={id}
        type="file"
        accept="image/*"
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so that picking the same photo again reads it again.
          event.target.value = '';
          if (file) onPick(file);
        }}
      />
    </div>
  );
}
