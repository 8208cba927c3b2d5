import { ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** One problem of a form: the input it is about (its id), its label, and what to do. */
export interface FormProblem {
  id: string;
  label: string;
  message: string;
}

/**
 * The list of a form's problems at its top, as GOV.UK and the Danish design system
 * do: it takes focus after each failed submit (so a screen reader reads it and a
 * phone scrolls to it), and each entry links to its input.
 */
export function ErrorSummary({ problems, attempt }: { problems: FormProblem[]; attempt: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0 && problems.length > 0) ref.current?.focus();
    // Only a new attempt moves focus (problems is left out on purpose): fixing a field while typing must not steal it.
  }, [attempt]);
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('errors.summary')}</h2>
      <ul>
        {problems.map((p) => (
          <li key={p.id}>
            <a
              href={`#${p.id}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(p.id)?.focus();
              }}
            >
              {p.label}: {p.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message under an input (`<id>-error`, which the input names in aria-describedby). */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="error field-error">
      {message}
    </p>
  );
}

/**
 * A label with the required mark: a star for the eye only, beside the label rather
 * than in it, so the field's accessible name stays its label; screen readers hear
 * "required" from the input's own `required`.
 */
export function Label({ htmlFor, required, children }: { htmlFor: string; required?: boolean; children: ReactNode }) {
  if (!required) return <label htmlFor={htmlFor}>{children}</label>;
  return (
    <div className="field-label">
      <label htmlFor={htmlFor}>{children}</label>
      <RequiredMark />
    </div>
  );
}

export function RequiredMark() {
  return (
    <span className="required" aria-hidden="true">
      {' '}
      *
    </span>
  );
}

/** aria-describedby for an input: its hint and, when there is one, its error. */
export function describedBy(id: string, error: string | undefined, hint?: string): string | undefined {
  return [hint, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
}
