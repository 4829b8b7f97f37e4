/**
 * A live feed's state in words, and its card's dot: green only while the feed is open and has
 * answered (the snapshot came, or the first event); grey while connecting or paused; red while
 * the connection is lost or refused. The words say it too, never the colour alone.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const liveStateElement = () => h('p', { class: 'live-state', id: 'live-state', dataset: { state: 'connecting' } }, t('live.state.connecting'));

/** `name`: 'connecting', 'live', 'paused', 'reconnecting' or 'error' (with the error). */
export function showLiveState(element, card, name, error) {
  element.dataset.state = name;
  element.textContent = name === 'error' ? t('live.state.error', { message: error?.message ?? '' }) : t(`live.state.${name}`);
  if (card) {
    card.classList.toggle('is-live', name === 'live');
    card.dataset.state = name;
  }
}
