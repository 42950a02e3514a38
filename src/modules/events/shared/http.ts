// Request schemas and reply helpers shared by the events' page routes.
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 120 }) });
export const SessionParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 120 }),
  sid: Type.String({ maxLength: 36 }),
});
/** The CSRF token field every POST form carries. */
export const Csrf = { _csrf: Type.Optional(Type.String({ maxLength: 200 })) };
/** Form bodies of the authoring forms: text fields, and repeated fields (multi-selects, check boxes). */
export const FormBody = Type.Object(
  {},
  {
    additionalProperties: Type.Union([
      Type.String({ maxLength: 20000 }),
      Type.Array(Type.String({ maxLength: 300 }), { maxItems: 500 }),
    ]),
  },
);

/** An iCalendar file as a download. */
export const sendIcs = (reply: FastifyReply, filename: string, body: string) =>
  reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
