/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
import { readFileSync } from 'fs';
import { join } from 'path';

import { replaceTable } from './docs/operations-table';

describe('README', () => {
	it('lists every operation exactly as the definitions describe them', () => {
		const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
		// If this fails, run `npm run docs` and commit README.md.
		expect(replaceTable(readme)).toBe(readme);
	});
});
