// Form values shared by the portfolio's pages (needs, projects, roadmaps): list and string readers, amounts.
export const PAGE = 25;
export type Values = Record<string, string | string[] | undefined>;
export const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
export const str = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');
/**
 * An amount in whole US dollars ("1,000,000" is fine); null when empty, -1 when not a number (refused by the service).
 */
export const amount = (v: unknown) => {
  const s = str(v).replace(/[\s,]/g, '');
  return s === '' ? null : /^\d+$/.test(s) ? Number(s) : -1;
};
