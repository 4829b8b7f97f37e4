import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';

/**
 * Fills a SQLite event store with a term: sections with items and enrollments, and facts of
 * every kind, appended as the service appends them (one stream per fact).
 */
export async function seedTerm(file: string, shape: { sections: number; studentsPerSection: number; itemsPerSection: number; facts: number }): Promise<{ events: number }> {
  const store = new SqliteEventStore(file);
  const { sections, studentsPerSection, itemsPerSection } = shape;
  const start = Date.parse('2026-09-06T05:00:00Z');
  let events = 0;
  for (let s = 0; s < sections; s++) {
    const sectionId = `S${s}`;
    const config: Array<{ type: string; data: unknown }> = [
      { type: 'SectionDefined', data: { sectionId, termId: 'T', courseCode: sectionId, level: 'blended', inPersonSharePercent: 50, timezone: 'Asia/Riyadh', instructors: [], policy: {} } },
    ];
    for (let i = 0; i < itemsPerSection; i++) {
      const at = start + i * 86_400_000;
      const kind = ['virtualClass', 'inPerson', 'recordedLecture', 'eActivity'][i % 4];
      config.push({
        type: 'ItemScheduled',
        data:
          kind === 'virtualClass' || kind === 'inPerson'
            ? { sectionId, itemId: `i${i}`, kind, startsAt: new Date(at).toISOString(), endsAt: new Date(at + 90 * 60_000).toISOString() }
            : { sectionId, itemId: `i${i}`, kind, durationMinutes: 40, dueAt: new Date(at + 6 * 86_400_000).toISOString() },
      });
    }
    for (let st = 0; st < studentsPerSection; st++) config.push({ type: 'StudentEnrolled', data: { sectionId, studentId: `st${s}-${st}`, enrolledAt: '2026-09-01T00:00:00Z' } });
    for (let c = 0; c < config.length; c += 500) {
      await store.appendToStream(`section-${sectionId}`, config.slice(c, c + 500).map((e, k) => ({ id: `${sectionId}-${c + k}`, ...e })));
    }
    events += config.length;
  }
  const perBatch = 2000;
  for (let f = 0; f < shape.facts; f += perBatch) {
    const appends = [];
    for (let k = f; k < Math.min(shape.facts, f + perBatch); k++) {
      const s = k % sections;
      const item = Math.floor(k / sections) % itemsPerSection;
      const kind = ['virtual-class.joined', 'in-person.marked', 'recorded-lecture.viewed', 'e-activity.submitted'][item % 4];
      const data: Record<string, unknown> = {
        id: `f${k}`,
        type: kind,
        occurredAt: new Date(start + item * 86_400_000 + 60_000).toISOString(),
        sectionId: `S${s}`,
        studentId: `st${s}-${Math.floor(k / (sections * itemsPerSection)) % studentsPerSection}`,
        itemId: `i${item}`,
        source: 'bench',
      };
      if (kind === 'in-person.marked') data.status = 'present';
      if (kind === 'recorded-lecture.viewed') data.progress = 0.9;
      appends.push(store.appendToStream(`fact-f${k}`, [{ id: `fact:f${k}`, type: 'FactRecorded', data }]));
    }
    await Promise.all(appends);
    events += appends.length;
  }
  await store.close();
  return { events };
}
