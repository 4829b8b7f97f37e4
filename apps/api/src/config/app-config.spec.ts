import { ConfigError, loadConfig } from './app-config';

describe('configuration from the environment', () => {
  it('has the defaults of the contract', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', publicBaseUrl: 'http://localhost:3000', maxFactsPerRequest: 1000, eventStoreConnectionString: undefined, outboundAllowPrivateNetworks: false });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['EVENTSTORE_CONNECTION_STRING', { EVENTSTORE_CONNECTION_STRING: 'mysql://localhost' }],
    ['ADMIN_TOKEN', { ADMIN_TOKEN: 'short' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'not a url' }],
    ['MAX_FACTS_PER_REQUEST', { MAX_FACTS_PER_REQUEST: '0' }],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '-1' }],
    ['HOST', { HOST: 'a host with spaces' }],
    ['OUTBOUND_ALLOW_PRIVATE_NETWORKS', { OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'yes' }],
  ])('stops at start with a message naming %s', (setting, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${setting} `));
  });

  it('listens where HOST says, and lets outbound webhooks reach private networks only when told', () => {
    expect(loadConfig({ HOST: '127.0.0.1', OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true' })).toMatchObject({ host: '127.0.0.1', outboundAllowPrivateNetworks: true });
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
  });

  it('accepts an EventStoreDB cluster address', () => {
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb+discover://a:2113,b:2113?tls=false' }).eventStoreConnectionString).toContain('esdb+discover');
  });
});
