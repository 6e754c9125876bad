/**
 * Where the list comes from: the copy bundled with the app, or a URL (YAML or JSON, or a vendor's markdown
 * or HTML page) fetched through the engine's HTTP accessor with a timeout, a size limit and conditional requests.
 */
import type { IHttp, IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';
import bundledYaml from '../../../../data/subprocessors.yaml';
import { MAX_SOURCE_BYTES } from '../../list/schema';
import { headerValue } from '../../../platform/server';

export const BUNDLED_SOURCE = 'data/subprocessors.yaml';
/** The source name of a list posted to the update endpoint. */
export const PUSHED_SOURCE = 'pushed update';
const TIMEOUT_MS = 15_000;

export type Fetched =
	| { kind: 'unchanged' }
	| { kind: 'fetched'; text: string; etag?: string; lastModified?: string; contentType?: string }
	/** `transient`: a failure that often clears by itself (network, server errors); told only if it persists. */
	| { kind: 'failed'; problem: string[]; transient?: boolean };

/** The source's name as errors and the status show it. */
export const sourceName = (url: string | undefined): string => url ?? BUNDLED_SOURCE;

export async function fetchList(
	http: IHttp,
	url: string | undefined,
	previous?: { etag?: string; lastModified?: string },
): Promise<Fetched> {
	if (!url) {
		return { kind: 'fetched', text: bundledYaml };
	}
	if (!/^https?:\/\//i.test(url)) {
		return { kind: 'failed', problem: [`${url}: the list source URL must start with https:// or http://`] };
	}
	const headers: Record<string, string> = {
		Accept: 'application/yaml, application/json, text/yaml, text/markdown, text/plain;q=0.9, text/html;q=0.8, */*;q=0.1',
	};
	if (previous?.etag) headers['If-None-Match'] = previous.etag;
	if (previous?.lastModified) headers['If-Modified-Since'] = previous.lastModified;

	let response: IHttpResponse;
	try {
		response = await http.get(url, { headers, timeout: TIMEOUT_MS });
	} catch (error) {
		return { kind: 'failed', problem: [`${url}: unreachable (${(error as Error)?.message ?? String(error)})`], transient: true };
	}
	if (!response) {
		return { kind: 'failed', problem: [`${url}: no response`], transient: true };
	}
	if (response.statusCode === 304) {
		return { kind: 'unchanged' };
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		return { kind: 'failed', problem: [`${url}: the server answered HTTP ${response.statusCode}`], transient: true };
	}
	const header = (name: string): string | undefined => headerValue(response.headers, name);
	const text = response.content ?? '';
	const declaredLength = Number(header('content-length'));
	if (declaredLength > MAX_SOURCE_BYTES || text.length > MAX_SOURCE_BYTES) {
		return { kind: 'failed', problem: [`${url}: the list is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`] };
	}
	if (!text.trim()) {
		return { kind: 'failed', problem: [`${url}: the server sent an empty document`], transient: true };
	}
	// An HTML or markdown page is read as a vendor's page (issue 16): the content type helps tell which.
	return { kind: 'fetched', text, etag: header('etag'), lastModified: header('last-modified'), contentType: header('content-type') };
}
