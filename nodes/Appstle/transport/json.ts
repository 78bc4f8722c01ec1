import { randomUUID } from 'crypto';

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

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A number as written in JSON text, for the numbers a JS number would change: `1e400`
 * (Infinity), `9007199254740993.0` (rounded), `0.30000000000000000001`. Written back as is.
 */
export class JsonNumber {
	constructor(readonly literal: string) {
		if (!JSON_NUMBER.test(literal)) throw new Error(`"${literal}" is not a JSON number`);
	}

	toString(): string {
		return this.literal;
	}

	toJSON(): string {
		return this.literal;
	}
}

/** A decimal's value as sign, significant digits and exponent, so two spellings of one value compare equal. */
function decimalKey(text: string): string {
	const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
	if (!match) return text;
	const [, sign, whole, fraction = '', exponent = '0'] = match;
	let digits = `${whole}${fraction}`.replace(/^0+/, '');
	let power = Number(exponent) - fraction.length;
	if (!digits) return '0';
	while (digits.endsWith('0')) {
		digits = digits.slice(0, -1);
		power++;
	}
	return `${sign}${digits}e${power}`;
}

/** Whether a JS number holds exactly the value a JSON number literal writes. */
export function isExactNumber(literal: string): boolean {
	const number = Number(literal);
	return Number.isFinite(number) && decimalKey(literal) === decimalKey(String(number));
}

/** JSON.stringify, except that a JsonInteger or JsonNumber is written as its digits, unquoted. */
export function stringifyJson(value: unknown): string {
	if (value instanceof JsonInteger) return value.digits;
	if (value instanceof JsonNumber) return value.literal;
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


/**
 * JSON.parse that keeps every number as written: integers beyond 2^53 as JsonInteger, other
 * numbers a JS number would change (too large, too precise) as JsonNumber. Such literals are
 * quoted with a marker before parsing, then turned back; all other values parse as usual.
 */
export function parseJsonText(text: string): unknown {
	// New for every call, so that no string in the text can pass for a marked number.
	const MARK = `\u0000${randomUUID()}:`;
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
			out += isExactNumber(literal) ? literal : JSON.stringify(`${MARK}${literal}`);
			i += literal.length;
			continue;
		}
		out += c;
		i++;
	}
	return JSON.parse(out, (_key, value: unknown) => {
		if (typeof value !== 'string' || !value.startsWith(MARK)) return value;
		const literal = value.slice(MARK.length);
		return /^-?\d+$/.test(literal) ? new JsonInteger(literal) : new JsonNumber(literal);
	});
}
