/** A value as the node hands it to the transport; serialized the way Appstle's Spring backend binds it. */
export type QueryValue = string | number | boolean | Date | Array<string | number> | null | undefined;
export type Query = Record<string, QueryValue>;

/** How far `timeZone` is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const asUtc = utcTime(get('year'), get('month'), get('day'), get('hour') % 24, get('minute'), get('second'), 0);
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

function isKnownZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** ISO-8601 / RFC 3339: a date, or a date and time with an optional `Z` or offset. Nothing else. */
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function daysInMonth(year: number, month: number): number {
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Date.UTC without its quirk of reading years 0–99 as 1900–1999. */
function utcTime(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
	const date = new Date(0);
	date.setUTCFullYear(y, mo - 1, d);
	date.setUTCHours(h, mi, s, ms);
	return date.getTime();
}

/** The text of a Date, a Luxon DateTime (`{{ $now }}`) or a string; undefined for anything else. */
function dateText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	// A Date, also from another realm (expression results may be).
	if (Object.prototype.toString.call(value) === '[object Date]') {
		const date = value as Date;
		return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
	}
	const luxon = value as { isValid?: boolean; toISO?: () => string | null } | null;
	if (luxon && typeof luxon === 'object' && typeof luxon.toISO === 'function') {
		if (luxon.isValid === false) return undefined;
		return luxon.toISO() ?? undefined;
	}
	return undefined;
}

/**
 * ISO-8601 in UTC with `Z` (an unencoded `+hh:mm` offset turns into a space and a 400), or
 * undefined when the value is no date. Strict: only ISO-8601 dates and date-times, Date and
 * Luxon values; an impossible calendar date (2024-02-30) or free text ("May 5", "1") is
 * refused, never rolled over. n8n's date picker yields wall time without a zone
 * (`2024-05-01T10:00:00`), meant in the workflow's time zone, so such a value is read in
 * `timeZone`; values with `Z` or an offset are taken as they are.
 */
export function parseApiDateTime(value: unknown, timeZone = 'UTC'): string | undefined {
	const text = dateText(value);
	if (text === undefined) return undefined;
	const m = ISO_DATE_TIME.exec(text);
	if (!m) return undefined;
	const [, ys, mos, ds, hs = '0', mis = '0', ss = '0', fraction = '0', zone] = m;
	const [y, mo, d, h, mi, sec] = [ys, mos, ds, hs, mis, ss].map(Number);
	const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
	if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return undefined;
	const asUtc = utcTime(y, mo, d, h, mi, sec, ms);
	if (zone) {
		if (/^z$/i.test(zone)) return new Date(asUtc).toISOString();
		const [, sign, oh, om = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
		if (Number(oh) > 14 || Number(om) > 59) return undefined;
		const offsetMs = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1);
		return new Date(asUtc - offsetMs).toISOString();
	}
	const tz = isKnownZone(timeZone) ? timeZone : 'UTC';
	// Two passes settle the offset around daylight-saving changes.
	const first = asUtc - zoneOffsetMs(asUtc, tz);
	const date = new Date(asUtc - zoneOffsetMs(first, tz));
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** As `parseApiDateTime`, for values that must be dates. */
export function toApiDateTime(value: unknown, timeZone = 'UTC'): string {
	const iso = parseApiDateTime(value, timeZone);
	if (iso === undefined) throw new Error(`"${String(value)}" is not a date`);
	return iso;
}

function serializeValue(value: Exclude<QueryValue, null | undefined | unknown[]>): string {
	if (value instanceof Date) return toApiDateTime(value);
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return String(value);
}

/**
 * Builds the query string. Lists become comma lists (Spring binds `List<Long>` from them);
 * `sort` is the one repeatable key, one `sort=` per entry.
 */
export function buildQueryString(query: Query = {}): string {
	const parts: string[] = [];
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value)) {
			if (value.length === 0) continue;
			if (key === 'sort') {
				for (const entry of value) parts.push(`sort=${encodeURIComponent(String(entry))}`);
			} else {
				parts.push(`${encodeURIComponent(key)}=${value.map((v) => encodeURIComponent(String(v))).join(',')}`);
			}
			continue;
		}
		parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(serializeValue(value))}`);
	}
	return parts.join('&');
}
