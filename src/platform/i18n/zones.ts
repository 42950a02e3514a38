// The time zones people choose from: the tz database's zones grouped by region, each labelled with its name, its
// generic name in the reader's language and its offset now; and the zone a country suggests.
import { RTL, dateFormat, isolate, type Locale } from './index.ts';
import { isTimeZone } from './time.ts';
import { CAPITAL_ZONES, ZONE_TAB } from './zones.data.ts';

export const ZONE_REGIONS = [
  'utc',
  'africa',
  'americas',
  'antarctica',
  'arctic',
  'asia',
  'atlantic',
  'australia',
  'europe',
  'indian',
  'pacific',
] as const;
export type ZoneRegion = (typeof ZONE_REGIONS)[number];

const regionOf = (zone: string): ZoneRegion => {
  const head = zone.split('/')[0].toLowerCase();
  if (head === 'america') return 'americas';
  return (ZONE_REGIONS as readonly string[]).includes(head) ? (head as ZoneRegion) : 'utc';
};

/** Every zone offered: UTC and the tz database's zones this runtime knows, by name. */
export const ZONES: readonly string[] = [
  'UTC',
  ...ZONE_TAB.map(([z]) => z)
    .filter(isTimeZone)
    .sort((a, b) => a.localeCompare(b)),
];
const OFFERED = new Set(ZONES);
/** Is this one of the zones offered (what a form accepts)? */
export const isOfferedZone = (zone: string) => OFFERED.has(zone);

/** The zone suggested for a country (ISO 3166 alpha-2): its capital's, else its first in the tz database. */
export function countryZone(iso2: string | null | undefined): string | null {
  if (!iso2) return null;
  const code = iso2.toUpperCase();
  return CAPITAL_ZONES[code] ?? ZONE_TAB.find(([, c]) => c === code)?.[0] ?? null;
}

export interface ZoneGroup {
  region: ZoneRegion;
  zones: { value: string; label: string }[];
}

// Labels depend on the language and, through daylight saving, on the day: kept per language and day.
const groups = new Map<string, ZoneGroup[]>();

/** "Africa/Nairobi — East Africa Time (GMT+3)": the name people search for, the generic name, the offset today. */
function label(locale: Locale, zone: string, at: Date): string {
  if (zone === 'UTC') return 'UTC';
  const part = (timeZoneName: 'longGeneric' | 'shortOffset') =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const generic = part('longGeneric');
  const offset = part('shortOffset');
  // In a right-to-left language the Latin zone name and the offset are isolated, so neither is reordered.
  const own = (s: string) => (RTL.has(locale) ? isolate(s) : s);
  return `${own(zone.replace(/_/g, ' '))} — ${generic && generic !== offset ? `${generic} ` : ''}(${own(offset)})`;
}

/** Every offered zone by region, labelled in a language. */
export function zoneGroups(locale: Locale, now = new Date()): ZoneGroup[] {
  const key = `${locale}|${dateFormat('en-CA', { timeZone: 'UTC' }).format(now)}`;
  const kept = groups.get(key);
  if (kept) return kept;
  const out: ZoneGroup[] = ZONE_REGIONS.map((region) => ({ region, zones: [] }));
  for (const zone of ZONES)
    out.find((g) => g.region === regionOf(zone))!.zones.push({ value: zone, label: label(locale, zone, now) });
  const made = out.filter((g) => g.zones.length);
  if (groups.size > 24) groups.clear();
  groups.set(key, made);
  return made;
}
