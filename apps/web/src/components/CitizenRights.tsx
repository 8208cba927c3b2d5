import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download, Page } from '../api';
import type { components } from '../api/schema';
import { formatDate } from '../i18n';
import { queryKeys } from '../queries';
import { ConfirmButton } from './Confirm';
import { DataTable } from './DataTable';
import { ErrorText, Loading } from './Layout';

type AccessLogEntry = components['schemas']['AccessLogEntry'];

const PAGE = 50;

/** Who: a name and a role as the citizen would be told them; the system and people outside Bro by their role. */
function useWho() {
  const { t } = useTranslation();
  return (e: AccessLogEntry) => {
    const role = e.role ? t(`accessLog.roles.${e.role}`, { defaultValue: t(`roles.${e.role}`, { defaultValue: e.role }) }) : '';
    if (e.userName) return { name: e.userName, role };
    return { name: e.role === 'system' ? t('accessLog.system') : role || '–', role: e.role === 'system' ? '' : role };
  };
}

/**
 * The citizen's access log (`GET /v1/citizens/:id/access-log`, coordinators): who read
 * or changed what and when, by name and role, newest first, a page at a time. Opening it
 * is itself logged, so it is fetched only when asked for.
 */
function AccessLog({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation();
  const who = useWho();
  const [offset, setOffset] = useState(0);
  const log = useQuery({
    queryKey: queryKeys.accessLog(citizenId, offset),
    queryFn: () => api<Page<AccessLogEntry>>('GET', `/v1/citizens/${citizenId}/access-log?limit=${PAGE}&offset=${offset}`),
  });
  if (log.isPending) return <Loading />;
  if (log.error) return <ErrorText error={log.error} />;
  const { items, total } = log.data;
  return (
    <>
      <p data-testid="access-log-total">
        {t('accessLog.showing', { from: total === 0 ? 0 : offset + 1, to: offset + items.length, total })}
      </p>
      <DataTable
        labelledBy="access-log-h"
        columns={[t('accessLog.when'), t('accessLog.who'), t('accessLog.role'), t('accessLog.what'), t('accessLog.why')]}
      >
        {items.map((e, i) => {
          const w = who(e);
          return (
            <tr key={`${e.at}-${i}`} data-testid="access-log-row">
              <td>
                <time dateTime={e.at}>{formatDate(e.at, true)}</time>
              </td>
              <td>{w.name}</td>
              <td>{w.role || '–'}</td>
              <td>
                {t(`accessLog.actions.${e.action.replace(/\./g, '_')}`, {
                  defaultValue: t('accessLog.otherAction', { action: e.action }),
                })}
              </td>
              <td>{e.purpose ? t(`accessLog.purposes.${e.purpose}`, { defaultValue: e.purpose }) : '–'}</td>
            </tr>
          );
        })}
      </DataTable>
      <div className="buttons">
        <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t('accessLog.newer')}
        </button>
        <button type="button" className="secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          {t('accessLog.older')}
        </button>
      </div>
    </>
  );
}

/**
 * The citizen's rights on the case page (coordinators): the access log, and the export of
 * everything Bro holds on them as a file, after a confirmation (the export is logged too).
 * The file is named by date only: no name or CPR number in a download folder.
 */
export function CitizenRights({ citizenId }: { citizenId: string }) {
  const { t } = useTranslation();
  const [showLog, setShowLog] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const exportData = async () => {
    setError(null);
    setDone(false);
    setBusy(true);
    try {
      await download(`/v1/citizens/${citizenId}/export`, `bro-dataudtraek-${new Date().toISOString().slice(0, 10)}.json`);
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="rights-h" className="panel">
      <h2 id="rights-h">{t('accessLog.rights')}</h2>
      <p className="hint">{t('accessLog.rightsHelp')}</p>
      <div className="buttons wrap">
        <button type="button" aria-expanded={showLog} aria-controls="access-log" onClick={() => setShowLog(!showLog)}>
          {showLog ? t('accessLog.hide') : t('accessLog.show')}
        </button>
        <ConfirmButton
          className="secondary"
          label={t('accessLog.export')}
          question={t('accessLog.exportQuestion')}
          yes={t('accessLog.exportYes')}
          disabled={busy}
          onConfirm={() => void exportData()}
        />
      </div>
      <ErrorText error={error} />
      {done && <p role="status">{t('accessLog.exported')}</p>}
      <div id="access-log">
        {showLog && (
          <>
            <h3 id="access-log-h">{t('accessLog.title')}</h3>
            <AccessLog citizenId={citizenId} />
          </>
        )}
      </div>
    </section>
  );
}
