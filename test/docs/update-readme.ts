import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { replaceTable } from './operations-table';

const path = join(__dirname, '..', '..', 'README.md');
writeFileSync(path, replaceTable(readFileSync(path, 'utf8')));
console.log('README.md operations table updated');
