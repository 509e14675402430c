import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { serviceNames, type ServiceName, type StartOptions } from './read-start-options.js';

/** The running services of `pnpm start`. */
export interface SupervisedServices {
  /** Each service's process (it may have exited). */
  children: Record<ServiceName, ChildProcess>;
  /** Whether a service's process is still running. */
  isRunning(name: ServiceName): boolean;
  /** Stops every service still running (SIGTERM); resolves once all have exited. */
  stopAll(): Promise<void>;
  /** Resolves once every service has exited, however that came about. */
  allStopped: Promise<void>;
}

/** What {@link superviseServices} prints with and runs. */
export interface SuperviseServicesDeps {
  /** Prints one line of output (a service's lines come prefixed with its name). */
  print: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const require = createRequire(import.meta.url);

function label(name: string): string {
  return name.padEnd(8);
}

/**
 * Starts the issuer, the verifier and the job board, each its own process configured only by its
 * environment, exactly as `pnpm --filter @skillproof/<name> start` runs it. A service that stops
 * is reported with its exit code and the others keep running: one crash should not take down the
 * services a newcomer is still using.
 *
 * @example
 * ```ts
 * const services = superviseServices(readStartOptions([], process.env), { print: console.log, env: process.env });
 * process.once('SIGINT', () => void services.stopAll());
 * ```
 */
export function superviseServices(
  options: StartOptions,
  deps: SuperviseServicesDeps,
): SupervisedServices {
  const exits: Promise<void>[] = [];
  const start = (name: ServiceName): ChildProcess => {
    const main = join(
      dirname(require.resolve(`@skillproof/${name}/package.json`)),
      'dist',
      'main.js',
    );
    const child = spawn(process.execPath, [main], {
      env: {
        ...deps.env,
        // Each service its own folder: a DATA_DIR in the environment would have them share one.
        DATA_DIR: join(options.dataRoot, name),
        PORT: String(options.ports[name]),
        // The job board's posting form offers the badges of the issuer started next to it.
        JOBBOARD_ISSUER_URLS:
          deps.env['JOBBOARD_ISSUER_URLS'] ?? `http://localhost:${options.ports.issuer}`,
        // The verifier fetches status lists only from hosts it is told of: the issuer beside it.
        STATUS_LIST_HOSTS:
          deps.env['STATUS_LIST_HOSTS'] ??
          `localhost:${options.ports.issuer},127.0.0.1:${options.ports.issuer}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream)
        createInterface({ input: stream }).on('line', (line) =>
          deps.print(`${label(name)} | ${line}`),
        );
    }
    exits.push(
      new Promise((done) => {
        child.once('exit', (code, signal) => {
          const how = signal === null ? `exit code ${code ?? 'unknown'}` : `signal ${signal}`;
          const others = serviceNames.filter((other) => other !== name && isRunning(other));
          deps.print(
            `skillproof: ${name} stopped (${how})` +
              (stopping || others.length === 0
                ? ''
                : `; ${others.join(' and ')} keep running (Ctrl-C stops them)`),
          );
          done();
        });
      }),
    );
    return child;
  };
  let stopping = false;
  const children = {} as Record<ServiceName, ChildProcess>;
  for (const name of serviceNames) children[name] = start(name);
  const isRunning = (name: ServiceName): boolean =>
    children[name].exitCode === null && children[name].signalCode === null;
  const allStopped = Promise.all(exits).then(() => undefined);
  return {
    children,
    isRunning,
    allStopped,
    stopAll() {
      stopping = true;
      for (const name of serviceNames) if (isRunning(name)) children[name].kill('SIGTERM');
      return allStopped;
    },
  };
}
