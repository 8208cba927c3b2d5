import { useTranslation } from 'react-i18next';

export type WheelScores = Record<string, number>;

const SIZE = 480;
const CENTER = SIZE / 2;
const RADIUS = 140;

function point(index: number, count: number, score: number): [number, number] {
  const angle = -Math.PI / 2 + (index * 2 * Math.PI) / count;
  const r = (score / 10) * RADIUS;
  return [CENTER + r * Math.cos(angle), CENTER + r * Math.sin(angle)];
}

function polygon(domains: string[], scores: WheelScores): string {
  return domains.map((d, i) => point(i, domains.length, scores[d] ?? 0).join(',')).join(' ');
}

/**
 * Samtalehjulet: the life domains as spokes of a wheel, each scored 1–10 by the
 * citizen. Click a ring on a spoke to score it, or use the fields under the wheel
 * (the keyboard way). With `baseline`, the first conversation's wheel is drawn
 * behind the current one, so change is a picture.
 */
export function Wheel({
  domains,
  value,
  onChange,
  baseline,
  idPrefix = 'wheel',
}: {
  domains: string[];
  value: WheelScores;
  onChange?: (next: WheelScores) => void;
  baseline?: WheelScores | null;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const label = (d: string) => t(`wheel.domains.${d}`, { defaultValue: d });
  const set = (domain: string, score: number | null) => {
    if (!onChange) return;
    const next = { ...value };
    if (score === null) delete next[domain];
    else next[domain] = score;
    onChange(next);
  };
  const summary = domains
    .map((d) => (value[d] ? t('wheel.score', { domain: label(d), score: value[d] }) : `${label(d)}: ${t('wheel.notScored')}`))
    .join('; ');

  return (
    <div className="wheel">
      <svg
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        width="100%"
        style={{ maxWidth: SIZE }}
        role="img"
        aria-label={`${t('wheel.title')}. ${summary}`}
      >
        {[2, 4, 6, 8, 10].map((ring) => (
          <polygon
            key={ring}
            points={polygon(domains, Object.fromEntries(domains.map((d) => [d, ring])))}
            fill="none"
            stroke="#c8cdd3"
            strokeWidth={1}
          />
        ))}
        {domains.map((d, i) => {
          const [x, y] = point(i, domains.length, 10);
          const [lx, ly] = point(i, domains.length, 12.3);
          return (
            <g key={d}>
              <line x1={CENTER} y1={CENTER} x2={x} y2={y} stroke="#c8cdd3" />
              <text
                x={lx}
                y={ly}
                textAnchor={lx < CENTER - 5 ? 'end' : lx > CENTER + 5 ? 'start' : 'middle'}
                dominantBaseline="middle"
                fontSize={12}
                fill="#1f2933"
              >
                {label(d)}
              </text>
            </g>
          );
        })}
        {baseline && Object.keys(baseline).length > 0 && (
          <polygon
            data-testid="wheel-baseline"
            points={polygon(domains, baseline)}
            fill="rgba(120,120,120,0.15)"
            stroke="#5f6b7a"
            strokeDasharray="4 3"
            strokeWidth={2}
          />
        )}
        <polygon data-testid="wheel-current" points={polygon(domains, value)} fill="rgba(0,82,155,0.25)" stroke="#00529b" strokeWidth={2} />
        {domains.map((d, i) =>
          value[d] ? (
            <circle
              key={`dot-${d}`}
              cx={point(i, domains.length, value[d])[0]}
              cy={point(i, domains.length, value[d])[1]}
              r={4}
              fill="#00529b"
            />
          ) : null,
        )}
        {onChange &&
          domains.map((d, i) =>
            Array.from({ length: 10 }, (_, k) => {
              const [cx, cy] = point(i, domains.length, k + 1);
              return (
                <circle
                  key={`${d}-${k}`}
                  data-domain={d}
                  data-score={k + 1}
                  cx={cx}
                  cy={cy}
                  r={6}
                  fill="transparent"
                  style={{ cursor: 'pointer' }}
                  onClick={() => set(d, k + 1)}
                />
              );
            }),
          )}
      </svg>
      {baseline && Object.keys(baseline).length > 0 && (
        <p className="legend">
          <span className="swatch swatch-baseline" aria-hidden="true" /> {t('wheel.baseline')}{' '}
          <span className="swatch swatch-current" aria-hidden="true" /> {t('wheel.current')}
        </p>
      )}
      {onChange && (
        <fieldset className="wheel-fields">
          <legend>{t('wheel.title')}</legend>
          <p className="hint">{t('wheel.help')}</p>
          <div className="grid3">
            {domains.map((d) => (
              <label key={d} htmlFor={`${idPrefix}-${d}`}>
                {label(d)}
                <select
                  id={`${idPrefix}-${d}`}
                  value={value[d] ?? ''}
                  onChange={(e) => set(d, e.target.value === '' ? null : Number(e.target.value))}
                >
                  <option value="">–</option>
                  {Array.from({ length: 10 }, (_, k) => (
                    <option key={k} value={k + 1}>
                      {k + 1}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}
