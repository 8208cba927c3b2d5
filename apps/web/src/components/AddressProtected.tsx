import { useTranslation } from 'react-i18next';

/**
 * "Beskyttet adresse": the citizen is under name-and-address protection. Shown wherever
 * the citizen appears, so nobody copies an address into a letter, a hand-off or a note
 * (the server already withholds it from those who do not hold the case; ADR 0015).
 */
export function AddressProtectedBadge({ marked }: { marked: boolean | undefined }) {
  const { t } = useTranslation();
  if (!marked) return null;
  return (
    <span className="badge protected" data-testid="address-protected">
      {t('protection.badge')}
    </span>
  );
}
