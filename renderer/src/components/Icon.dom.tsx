/**
 * The interface's own symbols, drawn as SVG: emoji and rare glyphs depend on fonts that many
 * Linux desktops lack, and a missing one shows as an empty box.
 */
const PATHS = {
  search:
    'M10 3a7 7 0 0 1 5.6 11.2l4.6 4.6-1.4 1.4-4.6-4.6A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z',
  attach:
    'M16.5 6.5 8.4 14.6a1.5 1.5 0 0 0 2.1 2.1l8-8a3.5 3.5 0 0 0-5-5l-8.5 8.6a5.5 5.5 0 0 0 7.8 7.8l7.1-7.1-1.4-1.4-7.1 7.1a3.5 3.5 0 0 1-5-5L15 3.6a1.5 1.5 0 0 1 2.1 2.1l-8 8-.1.1 1.4 1.4 8.1-8.1z',
  file: 'M6 2h8l6 6v14H6zm7 1.5V9h5.5zM8 12h10v1.6H8zm0 3.5h10v1.6H8zm0 3.5h7v1.6H8z',
  clock:
    'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zm0 2a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm-1 2h2v5.2l3.6 2.1-1 1.7L11 13.4z',
  reply: 'M10 5v4c6 0 10 3 11 10-2.5-4-6-5-11-5v4L3 11.5z',
  close:
    'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z',
  send: 'M3 20.5 21 12 3 3.5 3 10l12 2-12 2z',
  down: 'M11 4h2v12.2l5.3-5.3 1.4 1.4L12 20l-7.7-7.7 1.4-1.4 5.3 5.3z',
  smile:
    'M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zM8.5 8a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm7 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zM7.5 13.5h9a4.5 4.5 0 0 1-9 0z',
  trash: 'M9 3h6l1 2h4v2H4V5h4zm-3 6h12l-1 12H7zm3 2v8h1.6v-8zm4.4 0v8H15v-8z',
  link: 'M10.6 13.4a1 1 0 0 1 0-1.4l4-4a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0zM8.5 18.5a3 3 0 0 1-4.2-4.2l3-3a3 3 0 0 1 3.9-.3l1.4-1.4a5 5 0 0 0-6.7.3l-3 3a5 5 0 0 0 7 7l3-3a5 5 0 0 0 .3-6.7l-1.4 1.4a3 3 0 0 1-.3 3.9zm7-13a3 3 0 0 1 4.2 4.2l-3 3a3 3 0 0 1-3.9.3l-1.4 1.4a5 5 0 0 0 6.7-.3l3-3a5 5 0 0 0-7-7l-3 3a5 5 0 0 0-.3 6.7l1.4-1.4a3 3 0 0 1 .3-3.9z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      className={`icon icon-${name}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
