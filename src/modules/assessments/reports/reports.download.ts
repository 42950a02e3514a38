// Sends a report file (page and API share it): consent checked and the download audited by the service.
import type { FastifyReply } from 'fastify';
import { create as contentDisposition } from 'content-disposition';
import * as reports from './reports.service.ts';

export async function sendReportFile(
  ctx: Parameters<typeof reports.downloadReportFile>[0],
  reportId: string,
  fileId: string,
  reply: FastifyReply,
) {
  const f = await reports.downloadReportFile(ctx, reportId, fileId);
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', contentDisposition(f.fileName))
    .header('x-content-type-options', 'nosniff')
    .send(f.data);
}
