/** Where a service reports events; one structured line per call. */
export interface ServiceLog {
  info(message: string, fields?: object): void;
  error(message: string, fields?: object): void;
}

/** Where {@link createJsonLineLog} writes; defaults to the process's stdout and stderr. */
export interface JsonLineLogStreams {
  out: { write(line: string): unknown };
  err: { write(line: string): unknown };
}

/** A {@link ServiceLog} that can also warn. */
export interface JsonLineLog extends ServiceLog {
  warn(message: string, fields?: object): void;
}

/**
 * A log that writes one JSON object per event: info to `out`, warnings and errors to `err`.
 *
 * @example
 * ```ts
 * createJsonLineLog().info('issuer listening', { url });
 * // {"time":"…","level":"info","message":"issuer listening","url":"…"}
 * ```
 */
export function createJsonLineLog(
  streams: JsonLineLogStreams = { out: process.stdout, err: process.stderr },
  now: () => Date = () => new Date(),
): JsonLineLog {
  const write = (
    stream: JsonLineLogStreams['out'],
    level: string,
    message: string,
    fields?: object,
  ) =>
    // Fields come first so that they can't overwrite the time, level or message.
    stream.write(`${JSON.stringify({ ...fields, time: now().toISOString(), level, message })}\n`);
  return {
    info: (message, fields) => write(streams.out, 'info', message, fields),
    warn: (message, fields) => write(streams.err, 'warn', message, fields),
    error: (message, fields) => write(streams.err, 'error', message, fields),
  };
}
