import { systemClock } from '@attendance/event-store';
import { rmSync } from 'node:fs';
import type { AppConfig } from '../config/app-config';
import { readModelFileIn } from '../projection/attendance.projection';
import { ReadModel } from '../projection/read-model';
import { ReadModelFile } from '../projection/read-model-file';
import { openEventStore } from '../store/open-event-store';

const PAGE = 2000;

/** Throws the read-model file away and builds it again from the first event. The service must be stopped. */
export async function rebuildReadModel(config: AppConfig): Promise<{ events: number; kept: number; position: bigint }> {
  const path = readModelFileIn(config.dataDir);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const store = await openEventStore(config, systemClock);
  const file = new ReadModelFile(path);
  const model = new ReadModel();
  let position = 0n;
  let events = 0;
  let kept = 0;
  try {
    for (let page = await store.readAll({ after: 0n, maxCount: PAGE }); page.length > 0; page = await store.readAll({ after: position, maxCount: PAGE })) {
      const used = page.filter(ReadModel.uses);
      for (const event of used) model.apply(event);
      position = page.at(-1)!.position;
      file.record(used, position);
      events += page.length;
      kept += used.length;
    }
  } finally {
    file.close();
    await store.close();
  }
  return { events, kept, position };
}
