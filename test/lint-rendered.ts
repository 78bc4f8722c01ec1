/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * Both nodes build their UI from data (operation definitions, enums, the event mapping), so
 * eslint never sees the final properties in the source. This renders a description as a node
 * file and lints it with the n8n-nodes-base rules the source tree uses.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

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

/** Problems as `rule: message at: line`. */
export async function lintRenderedNode(className: string, description: unknown): Promise<string[]> {
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
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const n8nNodesBase = require('eslint-plugin-n8n-nodes-base') as {
		configs: { nodes: { rules: Record<string, unknown> } };
	};
	process.env.NODE_ENV = testEnv;
	const eslint = new ESLint({
		overrideConfigFile: true,
		overrideConfig: [
			{
				files: ['**/*.ts'],
				languageOptions: { parser: tseslint.parser },
				plugins: { 'n8n-nodes-base': n8nNodesBase as never },
				rules: {
					...(n8nNodesBase.configs.nodes.rules as Record<string, 'error'>),
					'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
				},
			},
		],
	});
	const [result] = await eslint.lintText(source, { filePath: `nodes/Appstle/${className}.node.ts` });
	const lines = source.split('\n');
	return result.messages.map((m) => `${m.ruleId}: ${m.message} at: ${lines[m.line - 1]?.trim()}`);
}
