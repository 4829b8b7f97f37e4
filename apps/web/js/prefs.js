/** Preferences kept across visits (localStorage): language, time zone, recently opened sections. */
const read = (key, fallback) => {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') ?? fallback;
  } catch {
    return fallback;
  }
};
const write = (key, value) => {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* private mode: not remembered */
  }
};

export const DEFAULT_TIME_ZONE = 'Asia/Riyadh';

export const savedLanguage = () => read('attendance.lang', null);
export const saveLanguage = (lang) => write('attendance.lang', lang);

export const savedTimeZone = () => read('attendance.tz', DEFAULT_TIME_ZONE);
export const saveTimeZone = (tz) => write('attendance.tz', tz);

const recentKey = (session, kind) => `attendance.recent.${kind}.${session.role}.${session.subject || '-'}`;

export const recentSections = (session, kind) => read(recentKey(session, kind), []);

export function rememberSection(session, kind, sectionId) {
  const list = [sectionId, ...recentSections(session, kind).filter((id) => id !== sectionId)].slice(0, 8);
  write(recentKey(session, kind), list);
}
