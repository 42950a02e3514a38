// Compatibility for the events module (it imports checkReportFile from this path): use the assessments index instead.
export { checkReportFile } from './reports/reports.service.ts';
