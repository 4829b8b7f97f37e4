import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { checkedLookup, isPrivateAddress, outboundUrlProblem } from './outbound-address';

/**
 * POSTs a JSON body to a webhook URL and answers the status code. The address is checked after
 * the name is resolved and the connection goes to that very address, so a name that resolves to
 * a private address (or starts to, between configuration and delivery) is never reached.
 */
export function postJson(url: string, headers: Record<string, string>, body: string, options: { allowPrivate: boolean; timeoutMs: number }): Promise<number> {
  const problem = outboundUrlProblem(url, options.allowPrivate);
  if (problem) return Promise.reject(new Error(`refused: the URL ${problem}`));
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) return Promise.reject(new Error('refused: a private address'));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, lookup: checkedLookup(options.allowPrivate) as never, timeout: options.timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
