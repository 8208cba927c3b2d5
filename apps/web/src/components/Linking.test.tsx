import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FullCase } from '../api';
import { LinkingPanel } from './Linking';

const referrer = { id: 'u2', displayName: 'Læge Berg', organisation: 'Lægerne i Viby' };
const base = {
  id: 'case-1',
  status: 'assigned',
  linkedReferrals: [],
  possibleDuplicates: [],
  reportedDetails: [],
} as unknown as FullCase;

function show(k: FullCase, onDone = () => {}) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <LinkingPanel k={k} reasonLabel={(code) => code} onDone={onDone} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('referrals of the same citizen on the case page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows nothing when there is nothing to decide', () => {
    const { container } = show(base);
    expect(container.textContent).toBe('');
  });

  it('shows details a later referral reported as "oplyst af <klinik> <dato>", and accepts them', async () => {
    const fetch = vi.fn(
      async () => new Response(JSON.stringify({ id: 'd1', decision: 'accepted' }), { headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetch);
    const onDone = vi.fn();
    show(
      {
        ...base,
        reportedDetails: [
          { id: 'd1', organisation: 'Lægerne i Viby', referrer, at: '2026-11-24T10:00:00Z', name: 'Inger Hansen', phone: '+4531313131' },
        ],
      },
      onDone,
    );
    expect(screen.getByText(/^Oplyst af Lægerne i Viby /)).toBeTruthy();
    expect(screen.getByText('Inger Hansen')).toBeTruthy();
    expect(screen.getByText('+4531313131')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Brug oplysningerne' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(fetch).toHaveBeenCalledWith('/v1/referrals/case-1/reported-details', expect.objectContaining({ method: 'POST' }));
    expect(JSON.parse((fetch.mock.calls[0] as unknown as [string, { body: string }])[1].body)).toEqual({
      detailId: 'd1',
      decision: 'accept',
    });
  });

  it('lets the held referral be confirmed or rejected, with a note', async () => {
    const fetch = vi.fn(
      async () => new Response(JSON.stringify({ id: 'r2', status: 'rejected' }), { headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetch);
    show({ ...base, id: 'r2', status: 'possible_duplicate', duplicateOf: { id: 'case-1', status: 'assigned' } });
    expect(screen.getByRole('note').textContent).toContain('En anden klinik har henvist en borger med en åben sag');
    expect(screen.getByRole('link', { name: 'Den åbne sag' }).getAttribute('href')).toBe('/sager/case-1');
    // Its reported details are decided on the case, once it is confirmed: no buttons here.
    expect(screen.queryByRole('button', { name: 'Brug oplysningerne' })).toBeNull();
    fireEvent.click(screen.getByLabelText('Afvis: henvisningen hører ikke til sagen'));
    fireEvent.change(screen.getByLabelText('Note (kun til kommunen)'), { target: { value: 'Kender ikke henvisningen' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gem afgørelsen' }));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(JSON.parse((fetch.mock.calls[0] as unknown as [string, { body: string }])[1].body)).toEqual({
      decision: 'reject',
      note: 'Kender ikke henvisningen',
    });
  });
});
