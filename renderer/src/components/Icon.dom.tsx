import {
  ArrowDown,
  ArrowLeft,
  Bell,
  BellOff,
  ChevronLeft,
  ChevronRight,
  Clock,
  Ellipsis,
  FileText,
  Link,
  Paperclip,
  Reply,
  Search,
  SendHorizontal,
  Settings,
  Smile,
  Trash2,
  X,
  ZoomIn,
  ZoomOut,
  type LucideIcon,
} from 'lucide-react';

/**
 * The interface's symbols, from Lucide: drawn as SVG, so they never depend on a font the
 * desktop may lack (an emoji or a rare glyph shows as an empty box there).
 */
const ICONS = {
  search: Search,
  attach: Paperclip,
  file: FileText,
  clock: Clock,
  reply: Reply,
  close: X,
  send: SendHorizontal,
  down: ArrowDown,
  smile: Smile,
  trash: Trash2,
  link: Link,
  settings: Settings,
  more: Ellipsis,
  back: ArrowLeft,
  previous: ChevronLeft,
  next: ChevronRight,
  zoomIn: ZoomIn,
  zoomOut: ZoomOut,
  bell: Bell,
  bellOff: BellOff,
} as const satisfies Record<string, LucideIcon>;

export type IconName = keyof typeof ICONS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  const Drawn = ICONS[name];
  return (
    <Drawn
      className={`icon icon-${name}`}
      size={size}
      strokeWidth={2}
      aria-hidden="true"
      focusable="false"
    />
  );
}
