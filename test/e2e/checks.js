'use strict';
// Compares one n8n execution with the expectations a case file declares (test/e2e/README.md).
// An execution is normalised to {status, resultData} whether it came from `n8n execute` or the
// REST API, so the same expectation block works for both.

/**
 * Deep partial match: every key of `expected` must match in `actual`; extra keys in `actual`
 * are fine. Arrays must have the same length and match element by element. Special values:
 *   "$any"                    any value, but the key must exist
 *   {"$type": "string"}       typeof (or "array", "null")
 *   {"$regex": "^sub_"}       a string matching the pattern
 *   {"$length": 3}            an array or string of that length
 * Returns a list of mismatch descriptions (empty when it matches).
 */
function match(actual, expected, where = '') {
	if (expected === '$any') return actual === undefined ? [`${where || 'value'} is missing`] : [];
	if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
		if ('$type' in expected) {
			const type = actual === null ? 'null' : Array.isArray(actual) ? 'array' : typeof actual;
			return type === expected.$type ? [] : [`${where}: expected a ${expected.$type}, got ${describe(actual)}`];
		}
		if ('$regex' in expected) {
			return typeof actual === 'string' && new RegExp(expected.$regex).test(actual)
				? []
				: [`${where}: expected to match /${expected.$regex}/, got ${describe(actual)}`];
		}
		if ('$length' in expected) {
			return actual != null && actual.length === expected.$length
				? []
				: [`${where}: expected length ${expected.$length}, got ${describe(actual)}`];
		}
		if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
			return [`${where}: expected an object, got ${describe(actual)}`];
		}
		return Object.entries(expected).flatMap(([key, value]) =>
			match(actual[key], value, where ? `${where}.${key}` : key),
		);
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return [`${where}: expected an array, got ${describe(actual)}`];
		if (actual.length !== expected.length) {
			return [`${where}: expected ${expected.length} elements, got ${actual.length}`];
		}
		return expected.flatMap((value, index) => match(actual[index], value, `${where}[${index}]`));
	}
	return Object.is(actual, expected) ? [] : [`${where}: expected ${describe(expected)}, got ${describe(actual)}`];
}

function describe(value) {
	const text = JSON.stringify(value);
	return text === undefined ? 'undefined' : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The value at a dot path ("a.b.c") of an object, or undefined. */
function valueAt(value, dotPath) {
	return dotPath.split('.').reduce((current, key) => (current == null ? undefined : current[key]), value);
}

/** Output items of a node's first run, first output: [{json, …}, …]. */
function nodeItems(resultData, nodeName) {
	return resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0];
}

/**
 * Checks one execution against an expectation block:
 *   status        "success" | "error" (execution status)
 *   error         substring of the execution's error message
 *   nodes         { "<node name>": node expectation }
 * with a node expectation of
 *   itemCount     exact number of output items
 *   minItems      at least this many output items
 *   items         array of partial `json` matches, one per item (the count must match)
 *   first         partial match for the first item's `json`
 *   last          partial match for the last item's `json`
 *   every         partial match that every item's `json` must satisfy
 *   distinct      a key (dot path) whose value differs on every item, e.g. "contractId"
 *   error         substring of this node's error message (the node failed)
 *   notExecuted   true: the node must not have run
 * Returns mismatch descriptions; empty means the execution passed.
 */
function checkExecution(execution, expect) {
	const problems = [];
	const { status, resultData } = execution;
	if (expect.status !== undefined && status !== expect.status) {
		const reason = resultData?.error?.message ? ` (${resultData.error.message})` : '';
		problems.push(`status: expected "${expect.status}", got "${status}"${reason}`);
	}
	if (expect.error !== undefined) {
		const message = resultData?.error?.message ?? '';
		if (!message.includes(expect.error)) {
			problems.push(`error: expected a message containing "${expect.error}", got "${message}"`);
		}
	}
	for (const [nodeName, nodeExpect] of Object.entries(expect.nodes ?? {})) {
		const runs = resultData?.runData?.[nodeName];
		if (nodeExpect.notExecuted) {
			if (runs) problems.push(`${nodeName}: expected not to run, but it did`);
			continue;
		}
		if (!runs) {
			problems.push(`${nodeName}: did not run (ran: ${Object.keys(resultData?.runData ?? {}).join(', ') || 'nothing'})`);
			continue;
		}
		if (nodeExpect.error !== undefined) {
			const message = runs[0].error?.message ?? '';
			const description = runs[0].error?.description ?? '';
			if (!`${message} ${description}`.includes(nodeExpect.error)) {
				problems.push(`${nodeName}: expected an error containing "${nodeExpect.error}", got "${message}"`);
			}
		}
		const items = nodeItems(resultData, nodeName) ?? [];
		const json = items.map((item) => item.json);
		if (nodeExpect.itemCount !== undefined && items.length !== nodeExpect.itemCount) {
			problems.push(`${nodeName}: expected ${nodeExpect.itemCount} items, got ${items.length}`);
		}
		if (nodeExpect.minItems !== undefined && items.length < nodeExpect.minItems) {
			problems.push(`${nodeName}: expected at least ${nodeExpect.minItems} items, got ${items.length}`);
		}
		if (nodeExpect.items !== undefined) {
			problems.push(...match(json, nodeExpect.items, `${nodeName} items`));
		}
		if (nodeExpect.first !== undefined) {
			problems.push(...match(json[0], nodeExpect.first, `${nodeName} items[0]`));
		}
		if (nodeExpect.last !== undefined) {
			problems.push(...match(json[json.length - 1], nodeExpect.last, `${nodeName} items[${json.length - 1}]`));
		}
		if (nodeExpect.distinct !== undefined) {
			const values = json.map((value) => JSON.stringify(valueAt(value, nodeExpect.distinct)));
			const duplicates = values.filter((value, index) => values.indexOf(value) !== index);
			if (values.includes(undefined)) problems.push(`${nodeName}: some items have no ${nodeExpect.distinct}`);
			if (duplicates.length > 0) {
				problems.push(`${nodeName}: ${nodeExpect.distinct} repeats: ${[...new Set(duplicates)].slice(0, 5).join(', ')}`);
			}
		}
		if (nodeExpect.every !== undefined) {
			json.forEach((value, index) =>
				problems.push(...match(value, nodeExpect.every, `${nodeName} items[${index}]`)),
			);
		}
	}
	return problems;
}

module.exports = { match, checkExecution, nodeItems };
