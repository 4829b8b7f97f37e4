import { cookiesOf, sign, verify } from './signed-cookie';

describe('signed cookies', () => {
  const secret = 'a-session-secret-of-thirty-two-characters';

  it('gives back what was signed until it expires', () => {
    const cookie = sign({ role: 'student', subject: 's-1' }, secret, 2000);
    expect(verify(cookie, secret, 1999)).toMatchObject({ role: 'student', subject: 's-1' });
    expect(verify(cookie, secret, 2000)).toBeUndefined();
  });

  it('refuses a changed value, another key, and what is not a cookie of ours', () => {
    const cookie = sign({ role: 'student', subject: 's-1' }, secret, 2000);
    const [, mac] = cookie.split('.');
    const forged = `${Buffer.from(JSON.stringify({ role: 'admin', subject: 's-1', exp: 2000 })).toString('base64url')}.${mac}`;
    expect(verify(forged, secret, 1000)).toBeUndefined();
    expect(verify(cookie, `${secret}x`, 1000)).toBeUndefined();
    for (const junk of ['', 'x', 'a.b.c', '.', `${cookie}.x`]) expect(verify(junk, secret, 1000)).toBeUndefined();
  });

  it('reads a Cookie header', () => {
    expect(cookiesOf('a=1; attendance_session=x.y ;b=')).toEqual({ a: '1', attendance_session: 'x.y', b: '' });
    expect(cookiesOf(undefined)).toEqual({});
  });
});
