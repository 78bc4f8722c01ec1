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
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
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

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * ISO-8601 in UTC with `Z` (an unencoded `+hh:mm` offset turns into a space and a 400), or
 * undefined when the value is no date. n8n's date picker yields wall time without a zone
 * (`2024-05-01T10:00:00`), meant in the workflow's time zone, so such a value is read in
 * `timeZone`; values with `Z` or an offset are taken as they are.
 */
export function parseApiDateTime(value: unknown, timeZone = 'UTC'): string | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	// Expressions can hand over a Luxon DateTime (`{{ $now }}`).
	const luxon = value as { toISO?: () => string | null };
	const text = (typeof luxon?.toISO === 'function' ? (luxon.toISO() ?? '') : String(value)).trim();
	const wall = WALL_TIME.exec(text);
	if (wall) {
		const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = wall;
		const asUtc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(ms.padEnd(3, '0')));
		const zone = isKnownZone(timeZone) ? timeZone : 'UTC';
		// Two passes settle the offset around daylight-saving changes.
		const first = asUtc - zoneOffsetMs(asUtc, zone);
		const date = new Date(asUtc - zoneOffsetMs(first, zone));
		return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
	}
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
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

/** Fills `{name}` placeholders, URL-encoding every value, and refuses to send a template with a gap. */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined || value === '') throw new Error(`Path parameter "${name}" is missing`);
		return encodeURIComponent(String(value));
	});
}
