import { systemClock } from '@attendance/event-store';
import type { AppConfig } from '../config/app-config';
import { ReadModel } from '../projection/read-model';
import { openEventStore } from '../store/open-event-store';
import { ReadStore, readStoreFileIn } from '../store/read-store';
import { storeIdentity } from '../store/store-identity';

const PAGE = 2000;

/** Throws the read store away and builds it again from the first event. The service must be stopped. */
export async function rebuildReadModel(config: AppConfig): Promise<{ events: number; position: bigint }> {
  const file = readStoreFileIn(config.dataDir);
  ReadStore.remove(file);
  const store = await openEventStore(config, systemClock);
  const readStore = new ReadStore(file);
  const model = new ReadModel(readStore, store, config.readCache, () => undefined);
  let events = 0;
  try {
    readStore.belongsTo(await storeIdentity(store));
    for (let page = await store.readAll({ after: 0n, maxCount: PAGE }); page.length > 0; page = await store.readAll({ after: model.position, maxCount: PAGE })) {
      model.apply(page);
      events += page.length;
    }
  } finally {
    readStore.close();
    await store.close();
  }
  return { events, position: model.position };
}
