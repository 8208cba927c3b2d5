import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Answers, emptyAnswers, previewScore, Questionnaire, QuestionnaireName } from './Questionnaire';

function Form({ name }: { name: QuestionnaireName }) {
  const [value, setValue] = useState<Answers>(emptyAnswers(name));
  return <Questionnaire name={name} value={value} onChange={setValue} />;
}

describe('WHO-5 and UCLA-3', () => {
  it('scores WHO-5 as the raw sum × 4 (0–100) and UCLA-3 as the sum (3–9), only when complete', () => {
    expect(previewScore('who5', [2, 1, 2, 1, 2])).toBe(32);
    expect(previewScore('who5', [5, 5, 5, 5, 5])).toBe(100);
    expect(previewScore('who5', [0, 0, 0, 0, 0])).toBe(0);
    expect(previewScore('who5', [2, 1, 2, null, 2])).toBeNull();
    expect(previewScore('ucla3', [3, 3, 2])).toBe(8);
    expect(previewScore('ucla3', [1, 1, 1])).toBe(3);
    expect(previewScore('ucla3', [1, 1])).toBeNull();
  });

  it('asks the five WHO-5 items in Danish with six answers each (0–5), and shows the score once all are answered', () => {
    render(<Form name="who5" />);
    expect(screen.getByText('WHO-5 Trivselsindeks')).toBeTruthy();
    expect(screen.getByText('I de sidste to uger …')).toBeTruthy();
    expect(screen.getAllByRole('radio')).toHaveLength(30);
    expect(screen.getByText('Besvar alle fem spørgsmål for at få en score.')).toBeTruthy();
    for (const i of [0, 1, 2, 3, 4])
      fireEvent.click(screen.getByRole('group', { name: new RegExp(`^${i + 1}\\.`) }).querySelector('input[value="5"]')!);
    expect(screen.getByText('WHO-5: 100 af 100')).toBeTruthy();
    expect(screen.getAllByLabelText('Hele tiden (5)')).toHaveLength(5);
  });

  it('asks the three UCLA-3 items with answers 1–3', () => {
    render(<Form name="ucla3" />);
    expect(screen.getAllByRole('radio')).toHaveLength(9);
    const values = screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).value);
    expect(new Set(values)).toEqual(new Set(['1', '2', '3']));
    for (const i of [0, 1, 2])
      fireEvent.click(screen.getByRole('group', { name: new RegExp(`^${i + 1}\\.`) }).querySelector('input[value="2"]')!);
    expect(screen.getByText('UCLA-3: 6 (3–9, højere er mere ensom)')).toBeTruthy();
  });
});
