/**
 * Where the issuer reports events, one structured line per call. `main.ts` passes the services'
 * JSON-line log; tests pass a silent or a capturing one. Never given answers, tokens or keys.
 */
export interface IssuerLog {
  info(message: string, fields?: object): void;
  error(message: string, fields?: object): void;
}
