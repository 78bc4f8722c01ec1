/**
 * Matches a request to a contract route. Literal segments beat `{param}` segments;
 * GET /build-a-box/{id} and /build-a-box/{handle} share a template, so a numeric
 * value picks the id route and anything else the handle route.
 */
import type { EndpointSpec } from './contract-schema';
import { loadContract } from './contract-schema';

type Segment = { literal: string } | { param: string };

interface CompiledRoute {
	endpoint: EndpointSpec;
	segments: Segment[];
}

export type RouteMatch =
	| { kind: 'match'; endpoint: EndpointSpec; template: string; pathValues: Record<string, string> }
	| { kind: 'method'; template: string; allowed: string[] }
	| { kind: 'none' };

let compiled: CompiledRoute[] | undefined;

function routes(): CompiledRoute[] {
	if (!compiled) {
		compiled = loadContract().endpoints.map((endpoint) => ({
			endpoint,
			segments: endpoint.path
				.split('/')
				.slice(1)
				.map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s })),
		}));
	}
	return compiled;
}

function matchSegments(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
	if (route.segments.length !== parts.length) return undefined;
	const values: Record<string, string> = {};
	for (let i = 0; i < parts.length; i++) {
		const seg = route.segments[i];
		if ('literal' in seg) {
			if (seg.literal !== parts[i]) return undefined;
		} else {
			if (parts[i] === '') return undefined;
			values[seg.param] = parts[i];
		}
	}
	return values;
}

/** Lower is more specific: literal (0) before param (1), left to right. */
function specificity(route: CompiledRoute): string {
	return route.segments.map((s) => ('literal' in s ? '0' : '1')).join('');
}

/** `pathname` is the raw request path; segments are percent-decoded here. */
export function matchRoute(method: string, pathname: string): RouteMatch {
	let parts: string[];
	try {
		parts = pathname.split('/').slice(1).map((p) => decodeURIComponent(p));
	} catch {
		return { kind: 'none' };
	}
	const hits = routes()
		.map((route) => ({ route, values: matchSegments(route, parts) }))
		.filter((h): h is { route: CompiledRoute; values: Record<string, string> } => h.values !== undefined);
	if (hits.length === 0) return { kind: 'none' };
	const sameMethod = hits.filter((h) => h.route.endpoint.method === method);
	if (sameMethod.length === 0) {
		const best = hits.sort((a, b) => specificity(a.route).localeCompare(specificity(b.route)));
		const top = specificity(best[0].route);
		const allowed = [...new Set(best.filter((h) => specificity(h.route) === top).map((h) => h.route.endpoint.method))];
		return { kind: 'method', template: best[0].route.endpoint.path, allowed };
	}
	sameMethod.sort((a, b) => specificity(a.route).localeCompare(specificity(b.route)));
	const top = specificity(sameMethod[0].route);
	const tied = sameMethod.filter((h) => specificity(h.route) === top);
	let chosen = tied[0];
	if (tied.length > 1) {
		// Same shape, different parameter types (build-a-box id vs handle).
		chosen =
			tied.find((h) =>
				h.route.endpoint.pathParams.every((p) => {
					const v = h.values[p.name];
					return p.type === 'int64' || p.type === 'int32' ? /^-?\d+$/.test(v) : !/^-?\d+$/.test(v);
				}),
			) ?? tied[0];
	}
	return { kind: 'match', endpoint: chosen.route.endpoint, template: chosen.route.endpoint.path, pathValues: chosen.values };
}
