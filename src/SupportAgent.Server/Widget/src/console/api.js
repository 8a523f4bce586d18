// Same-origin calls that ride on the console's HttpOnly session cookie; errors surface the server's ProblemDetails detail.
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export async function api(path, { method = "GET", body, form } = {}) {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body !== undefined ? { "Content-Type": "application/json" } : {},
    body: form ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  if (response.status === 204) return null;
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, json?.detail || `HTTP ${response.status}`);
  return json;
}

export const tenantPath = (session, suffix) => `/api/tenants/${encodeURIComponent(session.tenant)}/${suffix}`;
