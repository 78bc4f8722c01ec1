/** A value as the node hands it to the transport; serialized the way Appstle's Spring backend binds it. */
export type QueryValue = string | number | boolean | Date | Array<string | number> | null | undefined;
export type Query = Record<string, QueryValue>;

/** ISO-8601 in UTC with `Z`: an unencoded `+hh:mm` offset turns into a space and a 400. */
export function toApiDateTime(value: Date | string): string {
	const date = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(date.getTime())) throw new Error(`"${String(value)}" is not a date`);
	return date.toISOString();
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
