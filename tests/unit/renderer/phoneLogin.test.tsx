// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PhoneLogin } from '../../../renderer/src/components/PhoneLogin.dom.tsx';
import { useWorkspace } from '../../../renderer/src/store/workspace.dom.ts';

afterEach(cleanup);
useWorkspace.setState({ settings: { language: 'en' } as never });

describe('the code step of a phone sign-in', () => {
  it('names the number the code went to, even when the provider does not say it', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    const { rerender } = render(<PhoneLogin state={{ state: 'phone' }} onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('Phone number'), {
      target: { value: '+7 981 555 01 02' },
    });
    fireEvent.submit(screen.getByLabelText('Phone number').closest('form')!);
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    rerender(<PhoneLogin state={{ state: 'code' }} onSubmit={onSubmit} />);
    expect(screen.getByText(/Enter the code sent to/).textContent).toBe(
      'Enter the code sent to +7 981 555 01 02 (in the app or by SMS).',
    );
  });

  it('says it plainly when no number is known at all', () => {
    render(<PhoneLogin state={{ state: 'code' }} onSubmit={vi.fn()} />);
    expect(screen.getByText(/Enter the code/).textContent).toBe(
      'Enter the code you were sent (in the app or by SMS).',
    );
  });
});
