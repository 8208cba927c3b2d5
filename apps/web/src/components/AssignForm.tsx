import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useBrobyggere } from '../queries';
import { ErrorText } from './Layout';

/** Assign or reassign a case to a brobygger with room (`POST /v1/referrals/:id/assign`). */
export function AssignForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const brobyggere = useBrobyggere();
  const [chosen, setChosen] = useState('');
  const send = useMutation({ mutationFn: () => api('POST', `/v1/referrals/${id}/assign`, { brobyggerId: chosen }), onSuccess: onDone });
  return (
    <form
      className="inline"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <label htmlFor={`assign-${id}`}>{t('queue.assignTo')}</label>
      <select id={`assign-${id}`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">–</option>
        {brobyggere.data?.items.map((b) => (
          <option key={b.id} value={b.id} disabled={b.activeCases >= b.capacity}>
            {t('queue.load', { name: b.displayName, active: b.activeCases, capacity: b.capacity })}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!chosen || send.isPending}>
        {t('queue.assign')}
      </button>
      <ErrorText error={send.error} />
    </form>
  );
}
