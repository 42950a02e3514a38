// Sends one revision's file (page and API share it): visibility checked and a confidential download audited by the
// service before any byte leaves.
import type { FastifyReply } from 'fastify';
import { create as contentDisposition } from 'content-disposition';
import * as svc from './documents.service.ts';

export async function sendLibraryFile(ctx: svc.LibraryContext, id: string, fileId: string, reply: FastifyReply) {
  const f = await svc.downloadFile(ctx, id, fileId);
  return reply
    .header('content-type', f.file.mediaType)
    .header('content-disposition', contentDisposition(svc.downloadName(f.doc, f.file, ctx.actor)))
    .header('x-content-type-options', 'nosniff')
    .send(f.data);
}
