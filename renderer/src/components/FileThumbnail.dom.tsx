import { useEffect, useState } from 'react';
import { Icon } from './Icon.dom.tsx';

/** A picture about to be sent, previewed from the file itself; any other file shows its icon. */
export function FileThumbnail({ file }: { file: File }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!file.type.startsWith('image/')) return setUrl(undefined);
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    // The preview's memory goes with it: a new file, or the chip closed.
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  if (!url) return <Icon name="attach" size={16} />;
  return <img className="composer-thumbnail" src={url} alt={file.name} />;
}
