import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, FollowUp } from '../api';
import { ErrorText } from './Layout';
import { Answers, emptyAnswers, Questionnaire } from './Questionnaire';

/** A short call's WHO-5 and UCLA-3, or that the citizen declined or could not be reached (never nothing). */
export function MeasurementForm({ followUp, onDone }: { followUp: FollowUp; onDone: () => void }) {
  const { t } = useTranslation();
  const [who5, setWho5] = useState<Answers>(emptyAnswers('who5'));
  const [ucla3, setUcla3] = useState<Answers>(emptyAnswers('ucla3'));
  const complete = useMutation({
    mutationFn: (body: unknown) => api('POST', `/v1/follow-ups/${followUp.id}/complete`, body),
    onSuccess: onDone,
  });
  const full = (a: Answers) => a.every((x) => x !== null);
  const answered = full(who5) || full(ucla3);
  return (
    <form
      className="panel"
      aria-label={t('followUps.measurement.title')}
      onSubmit={(e) => {
        e.preventDefault();
        complete.mutate({ ...(full(who5) ? { who5 } : {}), ...(full(ucla3) ? { ucla3 } : {}) });
      }}
    >
      <p className="hint">{t('followUps.measurement.intro')}</p>
      <Questionnaire name="who5" value={who5} onChange={setWho5} />
      <Questionnaire name="ucla3" value={ucla3} onChange={setUcla3} />
      <ErrorText error={complete.error} />
      <div className="buttons wrap">
        <button type="submit" disabled={!answered || complete.isPending}>
          {t('followUps.measurement.save')}
        </button>
        <button type="button" className="secondary" disabled={complete.isPending} onClick={() => complete.mutate({ result: 'declined' })}>
          {t('followUps.measurement.declined')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={complete.isPending}
          onClick={() => complete.mutate({ result: 'unreachable' })}
        >
          {t('followUps.measurement.unreachable')}
        </button>
      </div>
    </form>
  );
}
