import { useTranslation } from 'react-i18next';

/** The two validated questionnaires: item count and the value of the first answer option. */
export const QUESTIONNAIRES = {
  who5: { items: 5, first: 0, options: 6 },
  ucla3: { items: 3, first: 1, options: 3 },
} as const;
export type QuestionnaireName = keyof typeof QUESTIONNAIRES;
export type Answers = (number | null)[];

/**
 * A preview of the score while the form is filled in; the server scores what is
 * saved (WHO-5: raw sum × 4, 0–100; UCLA-3: the sum, 3–9) and the case page shows
 * the server's numbers.
 */
export function previewScore(name: QuestionnaireName, answers: Answers): number | null {
  if (answers.length !== QUESTIONNAIRES[name].items || answers.some((a) => a === null)) return null;
  const sum = answers.reduce<number>((s, a) => s + (a ?? 0), 0);
  return name === 'who5' ? sum * 4 : sum;
}

export function emptyAnswers(name: QuestionnaireName): Answers {
  return Array.from({ length: QUESTIONNAIRES[name].items }, () => null);
}

export function Questionnaire({ name, value, onChange }: { name: QuestionnaireName; value: Answers; onChange: (next: Answers) => void }) {
  const { t } = useTranslation();
  const spec = QUESTIONNAIRES[name];
  const items = t(`${name}.items`, { returnObjects: true }) as string[];
  const options = t(`${name}.options`, { returnObjects: true }) as string[];
  const score = previewScore(name, value);
  return (
    <fieldset className="questionnaire" data-testid={name}>
      <legend>{t(`${name}.title`)}</legend>
      {name === 'who5' && <p className="hint">{t('who5.intro')}</p>}
      {items.map((item, i) => (
        <fieldset key={i} className="item">
          <legend>
            {i + 1}. {item}
          </legend>
          <div className="options">
            {options.map((option, k) => {
              const answer = spec.first + k;
              return (
                <label key={k}>
                  <input
                    type="radio"
                    name={`${name}-${i}`}
                    value={answer}
                    checked={value[i] === answer}
                    onChange={() => onChange(value.map((v, j) => (j === i ? answer : v)))}
                  />
                  {option} ({answer})
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}
      <p className="score" aria-live="polite">
        {score === null ? t(`${name}.incomplete`) : t(`${name}.score`, { score })}
      </p>
    </fieldset>
  );
}
