// The JSON API, from the same origin (CSP connect-src 'self').

export class ApiError extends Error {}

/** The URL of /api/<path> with the non-empty `params` as query parameters. */
export function apiUrl(path, params = {}) {
  const url = new URL(`/api/${path}`, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  return url;
}

/** GET /api/<path> with the non-empty `params` as query parameters; throws ApiError with the
 * server's one-line coded message when the answer is not 2xx. */
export async function getJson(path, params = {}) {
  const url = apiUrl(path, params);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : null;
    throw new ApiError(detail ?? `${response.status} ${response.statusText} from ${url.pathname}`);
  }
  return body;
}

/** The path of a document: ids may hold any character, so each is URL-encoded. */
export function documentPath(id) {
  return `documents/${encodeURIComponent(id)}`;
}
