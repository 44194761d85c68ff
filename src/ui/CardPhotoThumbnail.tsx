import { useEffect, useRef } from 'react';

/** The photo, from an object URL of its bytes that lives as long as it is shown. */
export function CardPhotoThumbnail({ image }: { image: Blob }) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(image);
    if (ref.current) ref.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [image]);
  return <img ref={ref} className="card-thumbnail" alt="Business card photo" />;
}
