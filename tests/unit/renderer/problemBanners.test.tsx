// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { bindWorkspace, useWorkspace } from '../../../renderer/src/store/workspace.dom.ts';
import { ProblemBanners } from '../../../renderer/src/components/ProblemBanners.dom.tsx';
import { CoreClient } from '../../../renderer/src/ipc/client.dom.ts';
import { DEFAULT_SETTINGS } from '../../../shared/model/settings.std.ts';
import type { Transport } from '../../../renderer/src/ipc/transport.dom.ts';

afterEach(cleanup);

describe('problems the core reports', () => {
  it('are said in the user’s language from a pushed event and from app.info, once each, until dismissed', async () => {
    const listeners = new Set<(event: string, payload: unknown) => void>();
    const startup = {
      code: 'storage',
      message: 'The settings file was damaged.',
      words: {
        key: 'settings.damaged',
        params: { file: '/x/settings.damaged-1.json', reset: 'theme' },
      },
    };
    const results: Record<string, unknown> = {
      'app.info': {
        version: '1',
        demo: false,
        electron: false,
        secrets: { where: 'memory', choosable: false },
        problems: [startup],
        logFile: null,
      },
      'accounts.list': { accounts: [], lines: [] },
      'settings.get': { ...DEFAULT_SETTINGS, language: 'ru' },
      'unread.counts': { total: 0, lines: {} },
      'conversations.list': { items: [], next: null },
      'providers.list': [],
    };
    const transport: Transport = {
      invoke: async (method) => ({ ok: true, result: results[method] ?? {} }),
      onEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
      onStatus: (l) => (l('open'), () => undefined),
      mediaUrl: (n) => n,
      fileContent: async () => ({ dataBase64: '' }),
    };
    useWorkspace.setState({ problems: [], settings: undefined });
    const dispose = bindWorkspace(new CoreClient(transport));
    render(<ProblemBanners />);
    await screen.findByText(/Файл настроек был повреждён/);
    const disk = { code: 'storage', message: 'The disk is full, so new messages cannot be saved.' };
    for (const l of listeners) {
      l('problem', disk);
      l('problem', disk);
    }
    await screen.findByText(/The disk is full/);
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    fireEvent.click(screen.getAllByRole('button', { name: 'Скрыть' })[0]!);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.queryByText(/Файл настроек/)).toBeNull();
    dispose();
  });
});
