/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

import { AppstleApi } from '../credentials/AppstleApi.credentials';
import { OPERATIONS } from '../nodes/Appstle/actions';
import { ENDPOINTS } from '../nodes/Appstle/shared/endpoints';
import { idDigitsOf, idNumberOf, int64Digits, parseShopifyGid } from '../nodes/Appstle/shared/ids';
import { API_PREFIX } from '../nodes/Appstle/transport';

/**
 * Rules about the shape of the shipped code that no compiler checks: one name per meaning, and
 * one reader of Shopify IDs and GIDs (nodes/Appstle/shared/ids.ts), Appstle paths only in the
 * operation catalog (actions/resources/ and the paths it shares with the trigger and the pickers,
 * shared/endpoints.ts).
 */

const ROOT = join(__dirname, '..');
const SHIPPED = ['nodes', 'credentials'];
const ID_MODULE = 'nodes/Appstle/shared/ids.ts';

function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return tsFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

const sources = SHIPPED.flatMap((dir) => tsFiles(join(ROOT, dir))).map((path) => ({
	file: relative(ROOT, path).split('\\').join('/'),
	text: readFileSync(path, 'utf8'),
}));

/** Exported function and const names that more than one file exports, with the files. */
function duplicateExports(files: Array<{ file: string; text: string }>): Record<string, string[]> {
	const where = new Map<string, string[]>();
	for (const { file, text } of files) {
		for (const match of text.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const)\s+([A-Za-z_$][\w$]*)/gm)) {
			where.set(match[1], [...(where.get(match[1]) ?? []), file]);
		}
	}
	return Object.fromEntries([...where].filter(([, files]) => files.length > 1));
}

/** Files outside the ID module that write a GID pattern or int64's limit themselves. */
function ownIdReaders(files: Array<{ file: string; text: string }>): string[] {
	return files
		.filter(({ file }) => file !== ID_MODULE)
		.filter(({ text }) => /gid:\\\/\\\/|9223372036854775807/.test(text))
		.map(({ file }) => file);
}

/** Top-level function names (exported or not) that more than one file declares, with the files. */
function duplicateFunctions(files: Array<{ file: string; text: string }>): Record<string, string[]> {
	const where = new Map<string, string[]>();
	for (const { file, text } of files) {
		for (const match of text.matchAll(/^(?:export\s+)?(?:async\s+)?function\*?\s+([A-Za-z_$][\w$]*)/gm)) {
			where.set(match[1], [...(where.get(match[1]) ?? []), file]);
		}
	}
	return Object.fromEntries([...where].filter(([, files]) => files.length > 1));
}

describe('one name per meaning', () => {
	it('finds a name exported twice (control)', () => {
		const files = [
			{ file: 'a.ts', text: 'export function contractIdOf(entry: object): string {}\nexport const LIMIT = 1;' },
			{ file: 'b.ts', text: 'export async function contractIdOf(kind: string): number {}\nfunction LIMIT() {}' },
		];
		expect(duplicateExports(files)).toEqual({ contractIdOf: ['a.ts', 'b.ts'] });
	});

	it('reads the shipped sources', () => {
		expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining([ID_MODULE, 'credentials/AppstleApi.credentials.ts']));
	});

	it('no two files in nodes/ or credentials/ export a function or const of the same name', () => {
		expect(duplicateExports(sources)).toEqual({});
	});

	it('finds a private function declared in two files (control)', () => {
		const files = [
			{ file: 'a.ts', text: 'function isoOf(ms: number): string {}' },
			{ file: 'b.ts', text: 'export function isoOf(value: unknown): string | undefined {}' },
		];
		expect(duplicateFunctions(files)).toEqual({ isoOf: ['a.ts', 'b.ts'] });
	});

	it('no two files in nodes/ or credentials/ declare a top-level function of the same name', () => {
		expect(duplicateFunctions(sources)).toEqual({});
	});
});

describe('one reader of IDs and GIDs', () => {
	it('finds a file with its own GID pattern (control)', () => {
		const files = [{ file: 'nodes/x.ts', text: 'const m = /^gid:\\/\\/shopify\\/Customer\\/(\\d+)$/.exec(t);' }];
		expect(ownIdReaders(files)).toEqual(['nodes/x.ts']);
	});

	it('only the ID module writes a GID pattern or the int64 limit', () => {
		expect(ownIdReaders(sources)).toEqual([]);
	});

	it('keeps digits exact and refuses what is not an ID of the asked type', () => {
		expect(idDigitsOf('gid://shopify/SubscriptionContract/9223372036854775807', 'SubscriptionContract')).toBe('9223372036854775807');
		expect(idDigitsOf(' 00027510000001 ', 'Customer')).toBe('27510000001');
		expect(idDigitsOf('gid://shopify/Customer/7?x=1', 'Customer')).toBe('7');
		expect(idDigitsOf(27510000001, 'Customer')).toBe('27510000001');
		expect(idDigitsOf('gid://shopify/Customer/7', 'SubscriptionContract')).toBeUndefined();
		expect(idDigitsOf('gid://shopify/Customer/7', '*')).toBe('7');
		expect(idDigitsOf('9223372036854775808', 'Customer')).toBeUndefined();
		expect(idDigitsOf(2 ** 60, 'Customer')).toBeUndefined();
		expect(idDigitsOf('0', 'Customer')).toBeUndefined();
		expect(idDigitsOf('1e3', 'Customer')).toBeUndefined();
		expect(int64Digits('-1')).toBeUndefined();
		expect(parseShopifyGid('gid://shopify/SubscriptionLine/35d6970f-1')).toEqual({ type: 'SubscriptionLine', id: '35d6970f-1' });
		expect(parseShopifyGid('gid://other/Customer/1')).toBeUndefined();
		expect(idNumberOf('27510000001')).toBe(27510000001);
		expect(idNumberOf('9007199254740993')).toBeNull();
		expect(idNumberOf(undefined)).toBeNull();
	});
});

/** Quoted Appstle paths (`'/subscription-groups'`) written outside the catalog, as `file: path`. */
function pathsOutsideCatalog(files: Array<{ file: string; text: string }>): string[] {
	return files
		.filter(({ file }) => !file.startsWith('nodes/Appstle/actions/resources/') && file !== 'nodes/Appstle/shared/endpoints.ts')
		.flatMap(({ file, text }) => [...text.matchAll(/['"](\/[a-z][a-z0-9-]*(?:\/[^'"\s]*)?)['"]/g)].map((m) => `${file}: ${m[1]}`));
}

describe('Appstle paths only in the catalog', () => {
	it('finds a path written outside the catalog (control)', () => {
		const files = [
			{ file: 'nodes/Appstle/methods/x.ts', text: "appstleApiRequest.call(this, { method: 'GET', path: '/subscription-groups' });" },
			{ file: 'nodes/Appstle/actions/resources/x.ts', text: "path: '/subscription-groups'," },
		];
		expect(pathsOutsideCatalog(files)).toEqual(['nodes/Appstle/methods/x.ts: /subscription-groups']);
	});

	it('outside the catalog only the API prefix and the credential test (checked below) write a path', () => {
		expect(pathsOutsideCatalog(sources).sort()).toEqual([
			`credentials/AppstleApi.credentials.ts: ${API_PREFIX}${ENDPOINTS.contractDetails}`,
			`nodes/Appstle/transport/url.ts: ${API_PREFIX}`,
		]);
	});

	it('every shared endpoint is a GET of the catalog', () => {
		const catalogGets = new Set(OPERATIONS.filter((o) => o.method === 'GET').map((o) => o.path));
		expect(Object.values(ENDPOINTS).filter((path) => !catalogGets.has(path))).toEqual([]);
	});

	it("the credential test calls the catalog's Subscription list under the API prefix", () => {
		expect(new AppstleApi().test.request.url).toBe(`${API_PREFIX}${ENDPOINTS.contractDetails}`);
	});
});
