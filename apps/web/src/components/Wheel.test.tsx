import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Wheel, WheelScores } from './Wheel';

const DOMAINS = ['health', 'mood', 'relations', 'community', 'activities', 'everyday_life', 'home', 'economy', 'work_and_purpose'];

function Editable({ onChange }: { onChange: (v: WheelScores) => void }) {
  const [value, setValue] = useState<WheelScores>({});
  return (
    <Wheel
      domains={DOMAINS}
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
    />
  );
}

describe('Samtalehjulet (the wheel)', () => {
  it('draws one spoke per domain with its Danish name', () => {
    render(<Wheel domains={DOMAINS} value={{}} />);
    for (const name of ['Helbred', 'Humør', 'Relationer', 'Fællesskaber', 'Arbejde og mening']) expect(screen.getByText(name)).toBeTruthy();
  });

  it('scores a domain by a click on the wheel and by the keyboard field, and says the scores in its name', () => {
    const onChange = vi.fn();
    const { container } = render(<Editable onChange={onChange} />);
    fireEvent.click(container.querySelector('circle[data-domain="relations"][data-score="3"]')!);
    expect(onChange).toHaveBeenLastCalledWith({ relations: 3 });
    fireEvent.change(screen.getByLabelText('Helbred'), { target: { value: '7' } });
    expect(onChange).toHaveBeenLastCalledWith({ relations: 3, health: 7 });
    expect(screen.getByLabelText<HTMLSelectElement>('Relationer').value).toBe('3');
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('Helbred: 7 af 10');
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('Humør: ikke scoret');
    // Clearing a field removes the score rather than sending 0 (the server takes 1–10).
    fireEvent.change(screen.getByLabelText('Helbred'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ relations: 3 });
  });

  it('draws the point further out for a higher score', () => {
    const { container, rerender } = render(<Wheel domains={DOMAINS} value={{ health: 2 }} />);
    const y = (c: HTMLElement) => Number(c.querySelector('circle[fill="#00529b"]')!.getAttribute('cy'));
    const low = y(container);
    rerender(<Wheel domains={DOMAINS} value={{ health: 9 }} />);
    expect(y(container)).toBeLessThan(low); // health points straight up
  });

  it('is read-only without onChange, and shows the baseline behind the current wheel', () => {
    const { container } = render(<Wheel domains={DOMAINS} value={{ health: 6 }} baseline={{ health: 3 }} />);
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(container.querySelectorAll('circle[data-domain]')).toHaveLength(0);
    expect(container.querySelector('[data-testid="wheel-baseline"]')).not.toBeNull();
    expect(container.querySelector('.legend')!.textContent).toContain('Første samtale');
  });
});
