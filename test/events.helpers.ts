// Shared by the events tests: urlencoded forms with repeated keys, multipart uploads, and a ready-made event.
import { Agent, type TestEnv } from './helper.ts';

const cookie = (agent: Agent) => [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** A urlencoded POST with repeated keys for arrays and the CSRF token. */
export async function postForm(
  env: TestEnv,
  agent: Agent,
  url: string,
  values: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  body.set('_csrf', await agent.csrf());
  const res = await env.app.inject({
    method: 'POST',
    url,
    payload: body.toString(),
    headers: {
      cookie: cookie(agent),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...headers,
    },
  });
  for (const c of res.cookies as { name: string; value: string }[]) if (c.value) agent.cookies.set(c.name, c.value);
  return res;
}

/** A multipart POST (fields and at most one file) with the CSRF token. */
export async function postUpload(
  env: TestEnv,
  agent: Agent,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; data: Buffer },
) {
  const boundary = '----ctcp' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ ...fields, _csrf: await agent.csrf() }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
          `filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return env.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: {
      cookie: cookie(agent),
      'content-type': `multipart/form-data; boundary=${boundary}`,
      accept: 'text/html',
    },
  });
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The fields of a valid event form (upcoming, open to every category, automatic registration). */
export function eventForm(
  slug: string,
  organizerIds: string[],
  o: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  const day = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
  return {
    slug,
    type: 'conference',
    status: 'published',
    format: 'in_person',
    visibility: 'public',
    title_en: `Conference ${slug}`,
    title_en_status: 'original',
    organizers: organizerIds,
    timeZone: 'America/New_York',
    startsAt: `${day}T09:00`,
    endsAt: `${day}T18:00`,
    openTo: ['member_state', 'un_entity', 'regional_org', 'international_org', 'cso', 'academia', 'other'],
    registrationMode: 'automatic',
    waitlist: 'on',
    participantList: 'organizers',
    ...o,
  };
}

/** Creates the event and an interactive segment from 10:00 to 12:00 on its day; returns the session's id. */
export async function eventWithSegment(
  env: TestEnv,
  agent: Agent,
  slug: string,
  organizerIds: string[],
  o: Record<string, string | string[]> = {},
) {
  const f = eventForm(slug, organizerIds, o);
  const r = await postForm(env, agent, '/events', f);
  if (r.statusCode !== 303) throw new Error(`event not created: ${r.statusCode} ${r.body.slice(0, 2000)}`);
  const day = String(f.startsAt).slice(0, 10);
  const s = await postForm(env, agent, `/events/${slug}/sessions`, {
    kind: 'interactive_segment',
    title_en: 'Interactive segment',
    title_en_status: 'original',
    startsAt: `${day}T10:00`,
    endsAt: `${day}T12:00`,
    statementMinutes: '5',
  });
  if (s.statusCode !== 303) throw new Error(`session not created: ${s.statusCode}`);
  const page = await agent.get(`/events/${slug}/programme`);
  return /\/sessions\/([0-9a-f-]{36})\/edit/.exec(page.body)![1];
}
