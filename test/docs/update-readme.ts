/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { replaceTable } from './operations-table';

const path = join(__dirname, '..', '..', 'README.md');
writeFileSync(path, replaceTable(readFileSync(path, 'utf8')));
process.stdout.write('README.md operations table updated\n');
