// The check every uploaded document passes (assessment reports, event documents and statements, the library): PDF or
// DOCX only, the type read from the bytes (file-type) must match the extension, at most 25 MB. It lives here, not in a
// module, because the library checks its uploads with it and the assessments module keeps its reports in the library
// (a module that imports the library cannot also be imported by it). The assessments module re-exports it.
import { fileTypeFromBuffer } from 'file-type';
import type { FieldError } from '../http/errors.ts';
import type { UploadedFile } from '../http/forms.ts';
import { MAX_UPLOAD_BYTES } from './storage.ts';

const TYPES: Record<string, { ext: string; contentType: string }> = {
  pdf: { ext: 'pdf', contentType: 'application/pdf' },
  docx: { ext: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

/** The real type of an upload, checked against its extension. PDF and DOCX only. */
export async function checkReportFile(
  file: UploadedFile | null,
): Promise<FieldError | { ext: string; contentType: string }> {
  if (!file) return { field: 'file', messageKey: 'reports.fileRequired' };
  if (file.data.length > MAX_UPLOAD_BYTES)
    return { field: 'file', messageKey: 'reports.fileTooLarge', values: { max: '25 MB' } };
  const ext = file.filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (!TYPES[ext]) return { field: 'file', messageKey: 'reports.fileExtension' };
  const real = await fileTypeFromBuffer(file.data);
  if (real?.ext !== ext)
    return { field: 'file', messageKey: 'reports.fileMismatch', values: { ext: ext.toUpperCase() } };
  return TYPES[ext];
}
