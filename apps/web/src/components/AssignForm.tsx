import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useBrobyggere } from '../queries';
import { ConfirmButton } from './Confirm';
import { ErrorText } from './Layout';

/** Assign or reassign a case to a brobygger with room (`POST /v1/referrals/:id/assign`); asks before it sends. */
export function AssignForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const brobyggere = useBrobyggere();
  const [chosen, setChosen] = useState('');
  const send = useMutation({ mutationFn: () => api('POST', `/v1/referrals/${id}/assign`, { brobyggerId: chosen }), onSuccess: onDone });
  const name = brobyggere.data?.items.find((b) => b.id === chosen)?.displayName ?? '';
  return (
    <form className="inline" onSubmit={(e: FormEvent) => e.preventDefault()}>
      <label htmlFor={`assign-${id}`}>{t('queue.assignTo')}</label>
      <select id={`assign-${id}`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">–</option>
        {brobyggere.data?.items.map((b) => (
          <option key={b.id} value={b.id} disabled={b.activeCases >= b.capacity}>
            {t('queue.load', { name: b.displayName, active: b.activeCases, capacity: b.capacity })}
          </option>
        ))}
      </select>
      <ConfirmButton
        label={t('queue.assign')}
        question={t('work.confirmAssign', { name })}
        yes={t('work.yesAssign')}
        disabled={!chosen || send.isPending}
        onConfirm={() => send.mutate()}
      />
      <ErrorText error={send.error} />
    </form>
  );
}
