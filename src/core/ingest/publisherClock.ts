/**
 * The calendar a publisher dates by: a time stamped in UTC is read on the clock of the site's country
 * or, failing that, of its language, so that "23:00Z" on a German page is the next day there.
 */
import type { ArticleDate } from '../types';

/**
 * Where a page's language is spoken in one time zone (or several with the same clock): a time stamped
 * in UTC is then read on the publisher's own calendar ("2021-11-04T23:00Z" on a German page is the
 * 5th of November there). Languages spoken across many zones (en, es, pt, ru) are left as stamped,
 * unless the site's country says where (below).
 */
const LANGUAGE_TIME_ZONES: Record<string, string> = {
  de: 'Europe/Berlin',
  fr: 'Europe/Paris',
  it: 'Europe/Rome',
  nl: 'Europe/Amsterdam',
  pl: 'Europe/Warsaw',
  cs: 'Europe/Prague',
  da: 'Europe/Copenhagen',
  sv: 'Europe/Stockholm',
  nb: 'Europe/Oslo',
  no: 'Europe/Oslo',
  fi: 'Europe/Helsinki',
  hu: 'Europe/Budapest',
  el: 'Europe/Athens',
  ja: 'Asia/Tokyo',
  ko: 'Asia/Seoul',
};

/** Countries with one clock, by their web domain: "eldeber.com.bo" publishes on Bolivia's calendar whatever its language. */
const COUNTRY_TIME_ZONES: Record<string, string> = {
  de: 'Europe/Berlin',
  at: 'Europe/Vienna',
  ch: 'Europe/Zurich',
  fr: 'Europe/Paris',
  it: 'Europe/Rome',
  nl: 'Europe/Amsterdam',
  be: 'Europe/Brussels',
  pl: 'Europe/Warsaw',
  cz: 'Europe/Prague',
  dk: 'Europe/Copenhagen',
  se: 'Europe/Stockholm',
  no: 'Europe/Oslo',
  fi: 'Europe/Helsinki',
  hu: 'Europe/Budapest',
  gr: 'Europe/Athens',
  uk: 'Europe/London',
  ie: 'Europe/Dublin',
  jp: 'Asia/Tokyo',
  kr: 'Asia/Seoul',
  in: 'Asia/Kolkata',
  cn: 'Asia/Shanghai',
  bo: 'America/La_Paz',
  co: 'America/Bogota',
  pe: 'America/Lima',
  ve: 'America/Caracas',
  ar: 'America/Argentina/Buenos_Aires',
  uy: 'America/Montevideo',
  py: 'America/Asuncion',
};

/** The clock the publisher dates by: its country's (from the host's last label), else its language's. */
export function publisherZone(lang: string, host: string | undefined): string | undefined {
  const country = host?.split('.').pop() ?? '';
  return COUNTRY_TIME_ZONES[country] ?? LANGUAGE_TIME_ZONES[lang.toLowerCase().split('-')[0]];
}

/** A time stamped in UTC: ISO ("…T23:00:00Z", "…T23:00+00:00") or HTTP's ("Wed, 04 May 2022 02:41:00 GMT"). */
const UTC_STAMP =
  /^\s*(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]00:?00)|[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(:\d{2})? (GMT|UTC|[+-]0000))\s*$/;

/** A UTC time stamp on the publisher's calendar, when its clock is known. */
export function localDateOfUtcStamp(value: string, zone: string | undefined): ArticleDate | null {
  if (!zone || !UTC_STAMP.test(value)) return null;
  const instant = new Date(/^\s*\d{4}/.test(value) ? value.trim().replace(' ', 'T') : value.trim());
  if (Number.isNaN(instant.getTime())) return null;
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
