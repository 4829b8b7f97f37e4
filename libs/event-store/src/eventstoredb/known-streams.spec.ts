import { KnownStreams, type KnownStream } from './known-streams';

const known = (revision: bigint | 'no_stream', ids: string[] = []): KnownStream => ({
  revision,
  ids: new Map(ids.map((id, i) => [id, i])),
});

describe('KnownStreams', () => {
  it('drops the least recently used stream beyond its stream limit', () => {
    const streams = new KnownStreams({ maxStreams: 2, maxIds: 100 });
    streams.remember('a', known(0n, ['a1']));
    streams.remember('b', known(0n, ['b1']));
    streams.get('a');
    streams.remember('c', known(0n, ['c1']));
    expect([streams.get('a'), streams.get('b'), streams.get('c')].map((s) => s?.revision)).toEqual([0n, undefined, 0n]);
    expect(streams.size).toEqual({ streams: 2, ids: 2 });
  });

  it('drops streams beyond its id limit, counting ids added in place, but keeps the one in use', () => {
    const streams = new KnownStreams({ maxStreams: 10, maxIds: 3 });
    streams.remember('a', known(1n, ['a1', 'a2']));
    const b = known(0n, ['b1']);
    streams.remember('b', b);
    b.ids.set('b2', 1).set('b3', 2).set('b4', 3);
    b.revision = 3n;
    streams.remember('b', b);
    expect(streams.get('a')).toBeUndefined();
    expect(streams.get('b')).toBe(b);
    expect(streams.size).toEqual({ streams: 1, ids: 4 });
  });

  it('never goes back to a view of a stream that reaches less far', () => {
    const streams = new KnownStreams();
    const ahead = known(5n);
    streams.remember('a', ahead);
    streams.remember('a', known(3n));
    streams.remember('a', known('no_stream'));
    expect(streams.get('a')).toBe(ahead);
    streams.forget('a');
    expect(streams.get('a')).toBeUndefined();
    expect(streams.size).toEqual({ streams: 0, ids: 0 });
  });
});
