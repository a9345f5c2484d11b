import { useI18n } from '../../../i18n/i18n';

/** "Move up" and "Move down" for an item of an ordered list; each says which item it moves. */
export function MoveButtons({ index, count, onMove, what }: { index: number; count: number; onMove: (by: -1 | 1) => void; what: string }) {
  const { t } = useI18n();
  return (
    <span className="move">
      <button type="button" className="button button--quiet" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('pools.moveUp', { what })}>
        ↑
      </button>
      <button type="button" className="button button--quiet" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('pools.moveDown', { what })}>
        ↓
      </button>
    </span>
  );
}
