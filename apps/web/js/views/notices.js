/** A student's notices (warnings, deprivation, lifted, consecutive absences, the steps of their excuse requests), newest first, with new ones arriving live. */
import { h, uid } from '../dom.js';
import { dateTime, statusLabel } from '../format.js';
import { lang, t } from '../i18n.js';
import { link } from '../router.js';
import { noticeWording } from '../ui/words.js';

/** A notice's kind as a chip: a level by its status's words, a lifted one by the status it leaves, an excuse's step by its own. */
function kindChip(notice) {
  const step = /^excuse-(\w+)$/.exec(notice.kind)?.[1];
  if (step) return h('span', { class: `chip excuse-state-${step}`, dataset: { kind: notice.kind } }, t(`notices.kind.${notice.kind}`));
  if (notice.kind === 'lifted') return h('span', { class: `chip status-${notice.status}` }, t('status.lifted'));
  if (notice.kind === 'consecutive-absences') return h('span', { class: 'chip status-warning-1' }, t('notices.kind.consecutive-absences'));
  return h('span', { class: `chip status-${notice.kind}` }, statusLabel(notice.kind));
}

export function noticeItem(notice, timeZone, { fresh = false } = {}) {
  const wording = noticeWording(notice, lang());
  return h(
    'li',
    { class: ['notice', `notice-${notice.kind}`, fresh && 'updated'], dataset: { notice: notice.id ?? '', kind: notice.kind } },
    h('p', { class: 'notice-head' }, kindChip(notice), ' ', t('notices.section', { section: notice.sectionId }), ' · ', dateTime(notice.issuedAt, timeZone)),
    h('p', { class: 'notice-message', dir: 'auto', lang: wording.lang }, wording.text),
    // An excuse's step: the request and all its steps are on the student's excuses page.
    notice.excuse ? h('p', { class: 'notice-link' }, h('a', { href: link('students', notice.studentId, 'excuses') }, t('notices.seeRequest'))) : null,
  );
}

export function createNoticesPanel({ timeZone }) {
  const titleId = uid('notices-title');
  const state = h('p', { class: 'live-state', id: 'notices-state', dataset: { state: 'connecting' } }, t('live.state.connecting'));
  const list = h('ol', { class: 'notices', id: 'notices-list' });
  const empty = h('p', { class: 'muted' }, t('notices.none'));
  /** Every notice known, by id, with whether it arrived while the page was open. */
  const known = new Map();
  const element = h('section', { class: 'card notices-panel', 'aria-labelledby': titleId }, h('h2', { id: titleId }, t('notices.title')), state, empty, list);

  /** Newest first, by the position the service gave each notice; the list read and the stream may cross. */
  function draw() {
    const ordered = [...known.values()].sort((a, b) => Number(BigInt(b.notice.position ?? 0) - BigInt(a.notice.position ?? 0)));
    list.replaceChildren(...ordered.map(({ notice, fresh }) => noticeItem(notice, timeZone, { fresh })));
    empty.hidden = known.size > 0;
  }
  draw();

  return {
    element,
    setState(name, error) {
      state.dataset.state = name;
      state.textContent = name === 'error' ? t('live.state.error', { message: error?.message ?? '' }) : t(`live.state.${name === 'open' ? 'live' : name}`);
    },
    /** The list as GET …/notifications gives it; notices the stream brought meanwhile stay. */
    fill(notices) {
      for (const notice of notices) if (!known.has(notice.id)) known.set(notice.id, { notice, fresh: false });
      draw();
    },
    /** A notice from the stream; answers whether it was new. */
    add(notice) {
      if (known.has(notice.id)) return false;
      known.set(notice.id, { notice, fresh: true });
      draw();
      return true;
    },
    note(text) {
      element.replaceChildren(element.firstElementChild, h('p', { class: 'muted' }, text));
    },
  };
}
