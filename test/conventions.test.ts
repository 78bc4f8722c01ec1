import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

import { Appstle } from '../nodes/Appstle/Appstle.node';

let lastRendered = '';

/** Renders a value as TypeScript source the way a hand-written node would spell it. */
function toSource(value: unknown, indent = ''): string {
	const next = `${indent}\t`;
	if (Array.isArray(value)) {
		return value.length ? `[\n${value.map((v) => `${next}${toSource(v, next)},`).join('\n')}\n${indent}]` : '[]';
	}
	if (value && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, v]) => v !== undefined);
		if (!entries.length) return '{}';
		const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`);
		return `{\n${entries.map(([k, v]) => `${next}${key(k)}: ${toSource(v, next)},`).join('\n')}\n${indent}}`;
	}
	if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
	return String(value);
}

/**
 * The action node's properties are derived from data, so eslint never sees them in the
 * source. This renders the derived description as a node file and lints it with the same
 * n8n-nodes-base rules the source tree uses.
 */
async function lintDerivedNode(className: string, description: unknown): Promise<Linter.LintMessage[]> {
	const source = [
		"import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
		'',
		`export class ${className} implements INodeType {`,
		`\tdescription: INodeTypeDescription = ${toSource(description, '\t')};`,
		'}',
		'',
	].join('\n');
	// Under NODE_ENV=test the plugin treats every file as a trigger and a regular node at once.
	const testEnv = process.env.NODE_ENV;
	process.env.NODE_ENV = 'lint';
	const { default: n8nNodesBase } = await import('eslint-plugin-n8n-nodes-base');
	process.env.NODE_ENV = testEnv;
	const eslint = new ESLint({
		overrideConfigFile: true,
		overrideConfig: [
			{
				files: ['**/*.ts'],
				languageOptions: { parser: tseslint.parser },
				plugins: { 'n8n-nodes-base': n8nNodesBase },
				rules: {
					...n8nNodesBase.configs.nodes.rules,
					// The rendering is JSON, so quoting and key order of the file itself say nothing.
					'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
					'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
					'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
				},
			},
		],
	});
	lastRendered = source;
	const [result] = await eslint.lintText(source, { filePath: `nodes/Appstle/${className}.node.ts` });
	return result.messages;
}

describe('derived node description', () => {
	it('would catch a parameter that breaks the rules (control)', async () => {
		const broken = {
			...new Appstle().description,
			properties: [
				{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Returns everything.' },
			],
		};
		const rules = (await lintDerivedNode('Appstle', broken)).map((m) => m.ruleId);
		expect(rules).toContain('n8n-nodes-base/node-param-description-wrong-for-return-all');
	});

	it('passes the n8n-nodes-base parameter rules', async () => {
		const messages = await lintDerivedNode('Appstle', new Appstle().description);
		const lines = lastRendered.split('\n');
		const problems = messages.map((m) => `${m.ruleId}: ${m.message} at: ${lines[m.line - 1]?.trim()}`);
		expect(problems).toEqual([]);
	});
});
