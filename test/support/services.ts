import { connect } from 'node:net';
import { request } from 'node:http';

/** Whether something listens on a loopback port (the machine's PostgreSQL or MariaDB). */
export function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Whether a Docker-compatible engine answers at DOCKER_HOST (a unix socket, as shared/containers/up.sh sets it). */
export function containerEngine(): Promise<true | string> {
  const host = process.env.DOCKER_HOST;
  if (!host?.startsWith('unix://')) return Promise.resolve('no container engine: run eval "$(../shared/containers/up.sh)" first');
  return new Promise((resolve) => {
    const req = request({ socketPath: host.slice('unix://'.length), path: '/_ping', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? true : `the container engine at ${host} answered ${res.statusCode}`);
    });
    req.once('error', (error) => resolve(`no container engine answers at ${host}: ${error.message}`));
    req.end();
  });
}
