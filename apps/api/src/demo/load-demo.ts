import { Logger } from '@nestjs/common';
import { simulatedTerm } from './simulated-term';

/** Loads the simulated term through the public HTTP API, as an integration would, and prints tokens to look at it. */
export async function loadDemo(baseUrl: string, adminToken: string, now: number): Promise<void> {
  const logger = new Logger('Demo');
  const call = async (method: string, path: string, body?: unknown, token = adminToken) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 300 && response.status !== 404) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return { status: response.status, body: (await response.json()) as any };
  };
  const { sections, facts } = simulatedTerm(now);
  if ((await call('GET', `/sections/${sections[0].sectionId}/attendance`)).status === 200) {
    logger.log('the demo term is already loaded');
  } else {
    const integration = (await call('POST', '/tokens', { role: 'integration', subject: 'demo-lms' })).body.token;
    for (const section of sections) {
      await call('PUT', `/sections/${section.sectionId}`, section.body, integration);
      for (const studentId of section.students) await call('PUT', `/sections/${section.sectionId}/enrollments/${studentId}`, { enrolledAt: new Date(now - 50 * 86_400_000).toISOString() }, integration);
      for (const item of section.items) await call('PUT', `/sections/${section.sectionId}/items/${item.itemId}`, item.body, integration);
    }
    for (let i = 0; i < facts.length; i += 1000) await call('POST', '/events', { events: facts.slice(i, i + 1000) }, integration);
    logger.log(`loaded ${sections.length} sections and ${facts.length} facts`);
  }
  const faculty = (await call('POST', '/tokens', { role: 'faculty', subject: 'dr-bld-301' })).body.token;
  const student = (await call('POST', '/tokens', { role: 'student', subject: sections[2].students.at(-1) })).body.token;
  const registrar = (await call('POST', '/tokens', { role: 'registrar', subject: 'registrar' })).body.token;
  logger.log(`instructor of BLD-301: ${faculty}`);
  logger.log(`student ${sections[2].students.at(-1)}: ${student}`);
  logger.log(`registrar: ${registrar}`);
  logger.log(`dashboards: ${baseUrl}/ (sign in with one of the tokens above)`);
  logger.log(`try: curl -H "Authorization: Bearer ${faculty}" ${baseUrl}/api/v1/sections/BLD-301/attendance`);
}
