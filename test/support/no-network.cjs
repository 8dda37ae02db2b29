// Preloaded into a generated suite's processes (NODE_OPTIONS=--require ...) to prove it never
// touches the network: a lookup of any name but loopback's is written to $NO_NETWORK_LOG and
// refused. A real connection to a named host needs that lookup first; the sockets msw 3 emulates
// call connect() without one, so connect() itself is not the place to watch.
const dns = require('node:dns');
const { appendFileSync } = require('node:fs');

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(\.\d{1,3}){3})$/;

function refuse(what) {
  if (process.env.NO_NETWORK_LOG) appendFileSync(process.env.NO_NETWORK_LOG, `${what}\n`);
  const error = new Error(`no-network: ${what} refused`);
  error.code = 'ENETUNREACH';
  return error;
}

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (!LOOPBACK.test(String(hostname))) {
    const callback = rest.find((arg) => typeof arg === 'function');
    const error = refuse(`dns.lookup ${hostname}`);
    if (callback) return process.nextTick(callback, error);
    throw error;
  }
  return lookup.call(this, hostname, ...rest);
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = function (hostname, ...rest) {
  if (!LOOPBACK.test(String(hostname))) return Promise.reject(refuse(`dns.promises.lookup ${hostname}`));
  return promisesLookup.call(this, hostname, ...rest);
};
