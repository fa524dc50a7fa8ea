// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useWorkspace } from '../../../renderer/src/store/workspace.dom.ts';
import { OfflineBanner } from '../../../renderer/src/components/OfflineBanner.dom.tsx';
import type { Account } from '../../../shared/model/entities.std.ts';

afterEach(cleanup);

const account = (id: string, label: string, reason: string): Account => ({
  id,
  provider: 'chatapp',
  label,
  demo: false,
  config: {},
  createdAt: 1,
  connection: { state: 'offline', reason },
});

describe('the offline banner', () => {
  it('lists each account’s reason as one sentence, without doubled stops', () => {
    useWorkspace.setState({
      status: 'open',
      accounts: [
        account(
          'a',
          'Shop',
          'ChatApp could not be reached at 127.0.0.1:1: the connection was refused.',
        ),
        account('b', 'Agency', 'Maytapi refused the API token.'),
      ],
    });
    render(<OfflineBanner />);
    const text = screen.getByTestId('offline-banner').textContent ?? '';
    expect(text).toContain(
      'Shop — offline: ChatApp could not be reached at 127.0.0.1:1: the connection was refused; Agency',
    );
    expect(text).not.toMatch(/\.\./);
  });
});
