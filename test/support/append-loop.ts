/**
 * Child process of the crash test: appends to the SQLite store in a loop, 20 appends in
 * flight, and prints "ack <eventId> <position>" for each append the store acknowledged.
 */
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';

const [file, runId] = process.argv.slice(2);
const store = new SqliteEventStore(file);
let next = 0;

async function worker(): Promise<never> {
  for (;;) {
    const n = next++;
    const id = `${runId}-${n}`;
    const { position } = await store.appendToStream(`crash-${n % 5}`, [{ id, type: 'Appended', data: { n, runId } }]);
    process.stdout.write(`ack ${id} ${position}\n`);
  }
}

for (let i = 0; i < 20; i++) void worker();
