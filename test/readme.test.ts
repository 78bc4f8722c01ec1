/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
import { readFileSync } from 'fs';
import { join } from 'path';

import { replaceTable } from './docs/operations-table';

describe('README', () => {
	it('lists every operation exactly as the definitions describe them', () => {
		const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
		const state = replaceTable(readme) === readme ? 'up to date' : 'the operations table differs from the definitions: run `npm run docs` and commit README.md';
		expect(state).toBe('up to date');
	});
});
