/**
 * What the sandbox received: one entry per API call (admin calls excluded). The
 * API key value is never stored: `api_key` shows as '***'.
 */
export interface RequestLogEntry {
	seq: number;
	method: string;
	path: string;
	/** The matched contract route template, or null for an unknown path. */
	route: string | null;
	query: Record<string, string | string[]>;
	body: unknown;
	/** The body exactly as received (UTF-8), or null: `body` went through JSON.parse, which rounds big integers. */
	rawBody: string | null;
	status: number;
	fault: boolean;
	apiKeyHeader: boolean;
	/** Whether an `X-App-Key` header (Appstle's partner app key) came with the request; its value is never logged. */
	appKeyHeader?: boolean;
	apiKeyQuery: boolean;
}

export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private seq = 1;

	constructor(private readonly limit = 20_000) {}

	add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
		const full = { seq: this.seq++, ...entry };
		this.entries.push(full);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
		return full;
	}

	/** `route` matches the template or the concrete path; `method` is case-insensitive. */
	list(filter: { route?: string; method?: string } = {}): RequestLogEntry[] {
		return this.entries.filter(
			(e) =>
				(!filter.route || e.route === filter.route || e.path === filter.route) &&
				(!filter.method || e.method === filter.method.toUpperCase()),
		);
	}

	clear(): void {
		this.entries = [];
		this.seq = 1;
	}
}

export function maskQuery(query: Record<string, string[]>): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, values] of Object.entries(query)) {
		const v = k === 'api_key' ? values.map(() => '***') : values;
		out[k] = v.length === 1 ? v[0] : v;
	}
	return out;
}
