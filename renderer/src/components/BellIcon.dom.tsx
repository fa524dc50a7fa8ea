import { Icon } from './Icon.dom.tsx';

/** A bell, struck through when muted. */
export function BellIcon({ muted }: { muted: boolean }) {
  return <Icon name={muted ? 'bellOff' : 'bell'} size={14} />;
}
