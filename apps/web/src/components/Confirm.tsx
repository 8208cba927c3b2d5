import { ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button whose action asks first (irreversible or costly steps: close, assign,
 * unassign, complete, reopen). The question appears in place with the confirming button
 * focused, so a keyboard or screen-reader user lands on it; "Fortryd" goes back.
 */
export function ConfirmButton({
  label,
  question,
  yes,
  onConfirm,
  disabled,
  className,
  type = 'button',
}: {
  label: ReactNode;
  question: string;
  yes: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  type?: 'button' | 'submit';
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type={type} className={className} disabled={disabled} onClick={(e) => (e.preventDefault(), setAsking(true))}>
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-label={question} className="confirm">
      <p>{question}</p>
      <div className="buttons wrap">
        <button
          ref={confirm}
          type="button"
          disabled={disabled}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {yes}
        </button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>
          {t('work.cancel')}
        </button>
      </div>
    </div>
  );
}
