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
