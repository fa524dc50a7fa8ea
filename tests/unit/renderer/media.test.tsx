// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaPreview, mediaSource } from '../../../renderer/src/components/MediaPreview.dom.tsx';
import { useWorkspace } from '../../../renderer/src/store/workspace.dom.ts';

afterEach(cleanup);
useWorkspace.setState({ settings: { language: 'en' } as never });
const local = (path: string) => `/media/${path.split('/').pop()}?token=t`;

describe('media in a message', () => {
  it('prefers the local copy, then a provider https link that has not expired, and nothing else', () => {
    const now = 1_000;
    expect(
      mediaSource(
        { localPath: '/data/media/12-photo.jpg', url: 'https://cdn.example/p.jpg' },
        local,
        now,
      ),
    ).toBe('/media/12-photo.jpg?token=t');
    expect(mediaSource({ url: 'https://cdn.example/p.jpg', urlExpiresAt: 2_000 }, local, now)).toBe(
      'https://cdn.example/p.jpg',
    );
    expect(
      mediaSource({ url: 'https://cdn.example/p.jpg', urlExpiresAt: 500 }, local, now),
    ).toBeUndefined();
    for (const url of ['http://cdn.example/p.jpg', 'javascript:alert(1)', 'file:///etc/passwd'])
      expect(mediaSource({ url }, local, now)).toBeUndefined();
  });

  it('shows a picture, plays audio and video, and offers any other file by name and size', () => {
    const { rerender, container } = render(
      <MediaPreview
        type="image"
        media={{ localPath: '/d/media/1-cat.jpg', fileName: 'cat.jpg' }}
        mediaUrl={local}
      />,
    );
    expect(screen.getByRole('img').getAttribute('src')).toBe('/media/1-cat.jpg?token=t');
    rerender(
      <MediaPreview
        type="voice"
        media={{ url: 'https://cdn.example/v.ogg', mime: 'audio/ogg' }}
        mediaUrl={local}
      />,
    );
    expect(container.querySelector('audio')?.getAttribute('src')).toBe('https://cdn.example/v.ogg');
    rerender(
      <MediaPreview type="video" media={{ url: 'https://cdn.example/v.mp4' }} mediaUrl={local} />,
    );
    expect(container.querySelector('video')?.getAttribute('controls')).not.toBeNull();
    rerender(
      <MediaPreview
        type="document"
        media={{ localPath: '/d/media/3-invoice.pdf', fileName: 'invoice.pdf', size: 48_000 }}
        mediaUrl={local}
      />,
    );
    expect(container.textContent).toContain('invoice.pdf');
    expect(container.textContent).toContain('47 KB');
    expect(screen.getByRole('link', { name: 'Download' }).getAttribute('href')).toBe(
      '/media/3-invoice.pdf?token=t',
    );
    rerender(
      <MediaPreview
        type="image"
        media={{ url: 'https://cdn.example/gone.jpg', urlExpiresAt: 1, fileName: 'gone.jpg' }}
        mediaUrl={local}
      />,
    );
    expect(container.textContent).toContain('The provider’s link to this file has expired');
  });
});
