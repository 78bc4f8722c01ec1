/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs on Node (jest, ts-node) and is never published; see README, Development. */
/**
 * Node and credential types for the in-process harness.
 *
 * Reproduces what n8n's package loader (n8n-core `DirectoryLoader`) does for a community
 * package installed under `~/.n8n/nodes/node_modules`: read `package.json` `n8n.nodes` /
 * `n8n.credentials`, instantiate the classes, key node types as `<package name>.<description.name>`,
 * and apply the "special" parameters n8n adds at load time (`pollTimes` on polling nodes, the
 * `requestOptions` collection on declarative nodes). Differences: we `require` the TypeScript
 * sources (ts-jest transpiles them) instead of `dist/`, and we register every exported class whose
 * instance looks like a node or credential type (n8n only loads the class named after the file,
 * e.g. `Appstle` from `Appstle.node.js`; a mismatch is reported by `packageLoadIssues()`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { DirectoryLoader } from 'n8n-core';
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

interface PackageJson {
	name: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

function readPackageJson(): PackageJson {
	return JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as PackageJson;
}

export const PACKAGE_NAME = readPackageJson().name;

export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

/** A problem found while loading the package's own node/credential files. */
export interface LoadIssue {
	file: string;
	message: string;
}

type AnyNodeType = INodeType | IVersionedNodeType;

function isVersioned(nodeType: AnyNodeType): nodeType is IVersionedNodeType {
	return 'nodeVersions' in nodeType;
}

function looksLikeNodeType(value: unknown): value is AnyNodeType {
	if (typeof value !== 'object' || value === null || !('description' in value)) return false;
	const { description } = value as { description: unknown };
	return (
		typeof description === 'object' &&
		description !== null &&
		typeof (description as { name?: unknown }).name === 'string'
	);
}

function looksLikeCredentialType(value: unknown): value is ICredentialType {
	if (typeof value !== 'object' || value === null) return false;
	const candidate = value as Partial<ICredentialType>;
	return typeof candidate.name === 'string' && Array.isArray(candidate.properties);
}

/** `dist/nodes/Appstle/Appstle.node.js` -> `<root>/nodes/Appstle/Appstle.node.ts` */
export function sourcePathFor(distPath: string): string {
	const relative = distPath.replace(/^(\.\/)?dist\//, '').replace(/\.js$/, '.ts');
	return path.join(PROJECT_ROOT, relative);
}

/** The class name n8n's loader expects in a file: `Appstle` for `Appstle.node.js`. */
function expectedClassName(file: string): string {
	return path.basename(file).split('.')[0];
}

const specialParametersApplied = new WeakSet<INodeType>();

/** Applies the parameters n8n's DirectoryLoader adds when it loads a node type (once per instance). */
function applySpecialNodeParameters(nodeType: INodeType): void {
	if (specialParametersApplied.has(nodeType)) return;
	specialParametersApplied.add(nodeType);
	const { description } = nodeType;
	if (
		description.polling &&
		!description.properties.some((property) => property.name === 'pollTimes')
	) {
		description.properties.unshift(...commonPollingParameters);
	}
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
}

/** Instantiates each exported class of a module that yields an object `accept` recognises. */
function instantiateExports<T>(
	file: string,
	accept: (value: unknown) => value is T,
	issues: LoadIssue[],
): T[] {
	// Loaded by path at run time (like n8n's loader); under jest, ts-jest transpiles the source.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const moduleExports = require(file) as Record<string, unknown>;
	const instances: T[] = [];
	let foundExpected = false;
	for (const [exportName, exported] of Object.entries(moduleExports)) {
		if (typeof exported !== 'function' || !exported.prototype) continue;
		let instance: unknown;
		try {
			instance = new (exported as new () => unknown)();
		} catch {
			continue;
		}
		if (!accept(instance)) continue;
		if (exportName === expectedClassName(file)) foundExpected = true;
		instances.push(instance);
	}
	if (instances.length > 0 && !foundExpected) {
		issues.push({
			file,
			message: `n8n loads the class named "${expectedClassName(file)}" from this file, but it exports no such class`,
		});
	}
	return instances;
}

/** Manual Trigger stand-in: in manual mode emits one empty item, like n8n-nodes-base.manualTrigger. */
export class ManualTriggerStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** INodeTypes over the package's nodes (loaded lazily on first use) plus registered extras. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	private packageLoaded = false;

	readonly issues: LoadIssue[] = [];

	constructor() {
		this.types.set(MANUAL_TRIGGER_TYPE, new ManualTriggerStandIn());
	}

	register(typeName: string, nodeType: AnyNodeType): void {
		if (isVersioned(nodeType)) {
			for (const version of Object.values(nodeType.nodeVersions)) applySpecialNodeParameters(version);
		} else {
			applySpecialNodeParameters(nodeType);
		}
		this.types.set(typeName, nodeType);
	}

	private loadPackage(): void {
		if (this.packageLoaded) return;
		this.packageLoaded = true;
		for (const distPath of readPackageJson().n8n?.nodes ?? []) {
			const file = sourcePathFor(distPath);
			// Files listed in package.json may not have been written yet: skip them silently.
			if (!existsSync(file)) continue;
			try {
				for (const nodeType of instantiateExports(file, looksLikeNodeType, this.issues)) {
					const typeName = `${PACKAGE_NAME}.${nodeType.description.name}`;
					// A type registered by a test before first use wins over the package's.
					if (!this.types.has(typeName)) this.register(typeName, nodeType);
				}
			} catch (error) {
				this.issues.push({ file, message: `failed to load: ${(error as Error).message}` });
			}
		}
	}

	private lookup(typeName: string): AnyNodeType {
		this.loadPackage();
		const nodeType = this.types.get(typeName);
		if (nodeType === undefined) {
			const issues = this.issues.map((issue) => `\n  ${issue.file}: ${issue.message}`).join('');
			throw new Error(
				`Unrecognized node type: ${typeName}. Known: ${[...this.types.keys()].join(', ')}${
					issues ? `\nPackage load issues:${issues}` : ''
				}`,
			);
		}
		return nodeType;
	}

	has(typeName: string): boolean {
		this.loadPackage();
		return this.types.has(typeName);
	}

	getByName(nodeType: string): AnyNodeType {
		return this.lookup(nodeType);
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.lookup(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		this.loadPackage();
		const known: IDataObject = {};
		for (const typeName of this.types.keys()) known[typeName] = { className: typeName, sourcePath: '' };
		return known;
	}

	/** The latest version a node type declares (`description.version`, highest if an array). */
	latestVersion(typeName: string): number {
		const nodeType = this.lookup(typeName);
		if (isVersioned(nodeType)) return nodeType.currentVersion;
		const { version } = nodeType.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}
}

/** Credential types from package.json `n8n.credentials` (loaded lazily) plus registered extras. */
export class HarnessCredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	private packageLoaded = false;

	readonly issues: LoadIssue[] = [];

	register(credentialType: ICredentialType): void {
		this.types.set(credentialType.name, credentialType);
	}

	private loadPackage(): void {
		if (this.packageLoaded) return;
		this.packageLoaded = true;
		for (const distPath of readPackageJson().n8n?.credentials ?? []) {
			const file = sourcePathFor(distPath);
			if (!existsSync(file)) continue;
			try {
				for (const credentialType of instantiateExports(file, looksLikeCredentialType, this.issues)) {
					if (!this.types.has(credentialType.name)) this.register(credentialType);
				}
			} catch (error) {
				this.issues.push({ file, message: `failed to load: ${(error as Error).message}` });
			}
		}
	}

	recognizes(name: string): boolean {
		this.loadPackage();
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		this.loadPackage();
		const credentialType = this.types.get(name);
		if (credentialType === undefined) {
			throw new Error(
				`Unknown credential type: ${name}. Known: ${[...this.types.keys()].join(', ') || '(none)'}`,
			);
		}
		return credentialType;
	}
}

export const nodeTypes = new HarnessNodeTypes();
export const credentialTypes = new HarnessCredentialTypes();

/** Registers an extra node type (e.g. a test fixture) under its full type name. */
export function registerNodeType(typeName: string, nodeType: AnyNodeType): void {
	nodeTypes.register(typeName, nodeType);
}

/** Registers an extra credential type under its `name`. */
export function registerCredentialType(credentialType: ICredentialType): void {
	credentialTypes.register(credentialType);
}

/** Problems met while loading the package's own node and credential files. */
export function packageLoadIssues(): LoadIssue[] {
	nodeTypes.getKnownTypes();
	credentialTypes.recognizes('');
	return [...nodeTypes.issues, ...credentialTypes.issues];
}
