import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n';
import { useWheelDomains } from '../queries';
import { Wheel } from './Wheel';

type Point = { at: string; value: number };

/**
 * One score on its own scale (WHO-5 0–100, UCLA-3 3–9): a single measurement is shown
 * as a level; two or more as the first and the latest, never a change from nothing.
 */
function ScoreScale({
  label,
  scale,
  min,
  max,
  bands,
  points,
}: {
  label: string;
  scale: string;
  min: number;
  max: number;
  /** The meter's colours: `optimum` the good end, `low`/`high` where the middle band starts and ends. */
  bands: { low: number; high: number; optimum: number };
  points: Point[];
}) {
  const { t } = useTranslation();
  const first = points[0];
  const latest = points[points.length - 1];
  return (
    <div className="scale" data-testid={`scale-${label}`}>
      <h3>
        {label} <span className="muted">({scale})</span>
      </h3>
      {points.length === 0 && <p>{t('work.notMeasured')}</p>}
      {points.length === 1 && (
        <p className="scale-row">
          <meter min={min} max={max} {...bands} value={first.value} aria-label={`${label}: ${t('work.level', { value: first.value })}`} />
          {t('work.level', { value: first.value })} · {t('work.measuredAt', { date: formatDate(first.at) })}
        </p>
      )}
      {points.length > 1 && (
        <>
          <p className="scale-row">
            <meter min={min} max={max} {...bands} value={first.value} aria-label={`${label}, ${t('case.baseline')}: ${first.value}`} />
            {t('case.baseline')}: {first.value} · {formatDate(first.at)}
          </p>
          <p className="scale-row">
            <meter min={min} max={max} {...bands} value={latest.value} aria-label={`${label}, ${t('case.latest')}: ${latest.value}`} />
            {t('case.latest')}: {latest.value} · {formatDate(latest.at)}
          </p>
          <p>{t('work.change', { from: first.value, to: latest.value })}</p>
        </>
      )}
    </div>
  );
}

/**
 * What the conversations measured: the wheel of the latest conversation over the first
 * (when there are two), and WHO-5 and UCLA-3 each on its own scale. Its own chunk
 * (`React.lazy` in the case page): only a case with something measured fetches it.
 */
export function Outcomes({
  lastWheel,
  firstWheel,
  who5,
  ucla3,
}: {
  lastWheel: Record<string, number> | null;
  firstWheel: Record<string, number> | null;
  who5: Point[];
  ucla3: Point[];
}) {
  const { t } = useTranslation();
  const domains = useWheelDomains();
  return (
    <section aria-labelledby="outcomes-h">
      <h2 id="outcomes-h">{t('case.outcomes')}</h2>
      <div className="columns">
        {lastWheel && domains.data && (
          <figure>
            <Wheel domains={domains.data} value={lastWheel} baseline={firstWheel} />
            <figcaption>{t('work.wheelOverTime')}</figcaption>
          </figure>
        )}
        <div>
          {/* WHO-5 ≤ 50 is poor wellbeing, ≤ 28 likely depression; UCLA-3 of 6 or more is commonly read as lonely. */}
          <ScoreScale
            label={t('work.who5')}
            scale={t('work.who5Scale')}
            min={0}
            max={100}
            bands={{ low: 29, high: 51, optimum: 100 }}
            points={who5}
          />
          <ScoreScale
            label={t('work.ucla3')}
            scale={t('work.ucla3Scale')}
            min={3}
            max={9}
            bands={{ low: 5, high: 6, optimum: 3 }}
            points={ucla3}
          />
        </div>
      </div>
    </section>
  );
}
