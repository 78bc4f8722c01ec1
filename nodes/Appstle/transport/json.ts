/**
 * JSON with exact integers. Appstle's IDs are int64; a JS number keeps only 53 bits, so an ID
 * that went through `Number()` or `JSON.parse` could reach Appstle as another ID. Integers
 * that must keep their digits travel as `JsonInteger` and are written as raw digit tokens.
 */
export class JsonInteger {
	readonly digits: string;

	constructor(digits: string) {
		if (!/^-?\d+$/.test(digits)) throw new Error(`"${digits}" is not an integer`);
		// A JSON number has no leading zeros.
		this.digits = digits.replace(/^(-?)0+(?=\d)/, '$1');
	}

	toString(): string {
		return this.digits;
	}

	/** For anything that serialises it without `stringifyJson` (logs, items): the digits as text. */
	toJSON(): string {
		return this.digits;
	}
}

/** JSON.stringify, except that a JsonInteger is written as its digits, unquoted. */
export function stringifyJson(value: unknown): string {
	if (value instanceof JsonInteger) return value.digits;
	if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : stringifyJson(v))).join(',')}]`;
	if (value instanceof Date) return JSON.stringify(value);
	if (value !== null && typeof value === 'object') {
		const parts: string[] = [];
		for (const [key, v] of Object.entries(value)) {
			if (v === undefined || typeof v === 'function') continue;
			parts.push(`${JSON.stringify(key)}:${stringifyJson(v)}`);
		}
		return `{${parts.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

const MARK = '\u0000int:';

/**
 * JSON.parse that keeps integers beyond 2^53 exact (as JsonInteger). Such integer literals are
 * quoted with a marker before parsing, then turned back; all other values parse as usual.
 */
export function parseJsonText(text: string): unknown {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (c === '"') {
			let j = i + 1;
			while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
			out += text.slice(i, j + 1);
			i = j + 1;
			continue;
		}
		const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
		if (number && (c === '-' || (c >= '0' && c <= '9'))) {
			const literal = number[0];
			const exactInteger = !number[1] && !number[2] && !Number.isSafeInteger(Number(literal));
			out += exactInteger ? JSON.stringify(`${MARK}${literal}`) : literal;
			i += literal.length;
			continue;
		}
		out += c;
		i++;
	}
	return JSON.parse(out, (_key, value: unknown) =>
		typeof value === 'string' && value.startsWith(MARK) ? new JsonInteger(value.slice(MARK.length)) : value,
	);
}
