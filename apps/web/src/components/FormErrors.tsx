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

/** A label with the required mark: a visible star, and "skal udfyldes" for screen readers (the input is also aria-required). */
export function Label({ htmlFor, required, children }: { htmlFor: string; required?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={htmlFor}>
      {children}
      {required && <RequiredMark label={t('form.required')} />}
    </label>
  );
}

export function RequiredMark({ label }: { label: string }) {
  return (
    <>
      <span className="required" aria-hidden="true">
        {' '}
        *
      </span>
      <span className="sr-only"> ({label})</span>
    </>
  );
}

/** aria-describedby for an input: its hint and, when there is one, its error. */
export function describedBy(id: string, error: string | undefined, hint?: string): string | undefined {
  return [hint, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
}
