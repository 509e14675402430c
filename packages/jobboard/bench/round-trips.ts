// The two ways to apply, driven the same way (fetch over loopback, a fixed number of requests in
// flight) so their rates and latencies compare: today's `POST /api/postings/:id/applications`
// with a presentation signed beforehand, and the OpenID4VP round trip (fetch the signed request
// object, sign the presentation to its nonce and client_id, `direct_post` it, read the decision).
import { decodeJwt } from '@skillproof/core';

/** What one way of applying did in one run. */
export interface PathFigures {
  decisions: number;
  qualified: number;
  seconds: number;
  /** Each decision's latency in ms, as measured by the client. */
  latencies: number[];
  failures: Map<string, number>;
}

/** An empty {@link PathFigures}, to add runs into. */
export function noFigures(): PathFigures {
  return { decisions: 0, qualified: 0, seconds: 0, latencies: [], failures: new Map() };
}

/** Adds `run` into `total`. */
export function addFigures(total: PathFigures, run: PathFigures): void {
  total.decisions += run.decisions;
  total.qualified += run.qualified;
  total.seconds += run.seconds;
  total.latencies.push(...run.latencies);
  for (const [key, count] of run.failures) {
    total.failures.set(key, (total.failures.get(key) ?? 0) + count);
  }
}

/** The `q`-quantile (0..1) of `values`, in ms with one decimal. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return Math.round(value * 10) / 10;
}

/** Runs `count` round trips, `inFlight` at a time; each says whether it ended qualified. */
export async function runRoundTrips(
  count: number,
  inFlight: number,
  roundTrip: (index: number) => Promise<boolean>,
): Promise<PathFigures> {
  const figures = noFigures();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const index = next++;
        const begun = performance.now();
        try {
          const qualified = await roundTrip(index);
          figures.latencies.push(performance.now() - begun);
          figures.decisions += 1;
          if (qualified) figures.qualified += 1;
        } catch (error) {
          const key = error instanceof Error ? error.message.slice(0, 120) : String(error);
          figures.failures.set(key, (figures.failures.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  figures.seconds = (performance.now() - started) / 1000;
  return figures;
}

/** Today's path: one `POST /api/postings/:id/applications` of a presentation signed before. */
export async function applyOnce(base: string, postingId: string, vp: string): Promise<boolean> {
  const response = await fetch(`${base}/api/postings/${postingId}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ presentation: vp }),
  });
  if (response.status !== 201) throw new Error(`applications answered ${response.status}`);
  return ((await response.json()) as { qualified: boolean }).qualified;
}

/**
 * Today's path as a wallet walks it: `POST …/presentation-request` for a nonce, then the
 * presentation signed to it (`sign(nonce)`) applied: two exchanges, as OpenID4VP's are.
 */
export async function requestAndApplyOnce(
  base: string,
  postingId: string,
  sign: (nonce: string) => string,
): Promise<boolean> {
  const asked = await fetch(`${base}/api/postings/${postingId}/presentation-request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (asked.status !== 201) throw new Error(`presentation-request answered ${asked.status}`);
  const { nonce } = (await asked.json()) as { nonce: string };
  return applyOnce(base, postingId, sign(nonce));
}

/**
 * One OpenID4VP round trip on a request made beforehand: GET its request object, sign the
 * presentation (`sign(nonce, clientId)`), post it as the vp_token under the first credential
 * query, and read the decision.
 */
export async function openid4vpOnce(
  requestUri: string,
  sign: (nonce: string, clientId: string) => string,
): Promise<boolean> {
  const object = await fetch(requestUri);
  if (object.status !== 200) throw new Error(`request object answered ${object.status}`);
  const payload = decodeJwt(await object.text()).payload as {
    nonce: string;
    state: string;
    client_id: string;
    response_uri: string;
    dcql_query: { credentials: Array<{ id: string }> };
  };
  const queryId = payload.dcql_query.credentials[0]?.id ?? 'r1-jwt';
  const vpToken = { [queryId]: [sign(payload.nonce, payload.client_id)] };
  const response = await fetch(payload.response_uri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ vp_token: JSON.stringify(vpToken), state: payload.state }),
  });
  if (response.status !== 200) {
    throw new Error(`direct_post answered ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { application: { qualified: boolean } }).application.qualified;
}
