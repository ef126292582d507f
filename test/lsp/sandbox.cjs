// A `node --require` hook for tests (the server or the CLI run under it; worker threads inherit
// it): anything that would reach the network or start a process throws, and every file the
// process reads or writes outside the allowed folders is recorded. Records go to the file named
// by NA_SANDBOX_LOG, one per line ("net …", "process …", "read …", "write …"; lines starting
// with "#" say where the hook was loaded).
//
//   NA_SANDBOX_LOG          file to append records to
//   NA_SANDBOX_READ_ALLOW   JSON list of folders the process may read (real paths; `*` matches
//                           within one path segment: "/tmp/na-ws-*")
//   NA_SANDBOX_WRITE_ALLOW  JSON list of folders the process may write
//
// Reads are judged by real path (a symbolic link inside an allowed folder pointing outside is a
// read outside). Metadata calls (stat, lstat, realpath, access) are not reads.

'use strict';
const fs = require('node:fs');
const path = require('node:path');

const logFile = process.env.NA_SANDBOX_LOG;
// Each allowed folder may hold `*` (any characters but a separator): "/tmp/na-ws-*".
const pattern = (p) => new RegExp(`^${path.resolve(p).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/\\\\]*')}(?:[/\\\\]|$)`);
const readAllow = JSON.parse(process.env.NA_SANDBOX_READ_ALLOW || '[]').map(pattern);
const writeAllow = JSON.parse(process.env.NA_SANDBOX_WRITE_ALLOW || '[]').map(pattern);
const realpath = fs.realpathSync.native;
// Opened before anything is wrapped; writeSync on a descriptor is not wrapped.
const logFd = logFile ? fs.openSync(logFile, 'a') : null;

function record(line) {
  if (logFd !== null) fs.writeSync(logFd, `${line.replace(/\n/g, ' ')}\n`);
}
// Proof the hook ran (in each process and worker thread): a comment line, not a record.
record(`# loaded in ${process.pid}${require('node:worker_threads').isMainThread ? '' : ' (worker thread)'}`);

function inside(p, roots) {
  return roots.some((r) => r.test(p));
}

function resolved(target) {
  if (typeof target === 'number') return null; // a descriptor: judged when it was opened
  let p;
  if (target instanceof URL) p = target.protocol === 'file:' ? require('node:url').fileURLToPath(target) : null;
  else if (Buffer.isBuffer(target)) p = target.toString();
  else if (typeof target === 'string') p = target;
  if (p === null || p === undefined) return null;
  p = path.resolve(p);
  try {
    return realpath(p);
  } catch {
    return p; // does not exist (yet): judge the path as given
  }
}

function checkRead(target, how) {
  const p = resolved(target);
  if (p !== null && !inside(p, readAllow)) record(`read ${how} ${p}`);
}

function checkWrite(target, how) {
  const p = resolved(target);
  if (p !== null && !inside(p, writeAllow)) record(`write ${how} ${p}`);
}

const isWriteFlag = (flags) => typeof flags === 'string' ? /[wa+]/.test(flags) : typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0;

function wrap(obj, name, check) {
  const original = obj[name];
  if (typeof original !== 'function') return;
  obj[name] = function (...args) {
    check(args, name);
    return original.apply(this, args);
  };
}

const readers = ['readFile', 'readFileSync', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'createReadStream'];
const writers = ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'mkdir', 'mkdirSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'unlink', 'unlinkSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'symlink', 'symlinkSync', 'createWriteStream', 'truncate', 'truncateSync', 'cp', 'cpSync'];
for (const target of [fs, fs.promises]) {
  for (const name of readers) wrap(target, name, (args, how) => checkRead(args[0], how));
  for (const name of writers) wrap(target, name, (args, how) => {
    checkWrite(args[0], how);
    if (/^(rename|copyFile|symlink|cp)/.test(how)) checkWrite(args[1], how);
  });
  for (const name of ['open', 'openSync']) {
    wrap(target, name, (args, how) => (isWriteFlag(args[1]) ? checkWrite(args[0], how) : checkRead(args[0], how)));
  }
}

// ---- nothing leaves the machine, nothing is run --------------------------------------------------

function deny(kind, what) {
  return function () {
    record(`${kind} ${what}`);
    throw new Error(`sandbox: ${what} is not allowed`);
  };
}

const net = require('node:net');
net.connect = deny('net', 'net.connect');
net.createConnection = deny('net', 'net.createConnection');
net.Socket.prototype.connect = deny('net', 'net.Socket.connect');
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = deny('net', `${mod}.request`);
  m.get = deny('net', `${mod}.get`);
}
require('node:tls').connect = deny('net', 'tls.connect');
require('node:dgram').createSocket = deny('net', 'dgram.createSocket');
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns[name] = deny('net', `dns.${name}`);
if (typeof globalThis.fetch === 'function') {
  const refuse = deny('net', 'fetch');
  globalThis.fetch = async (...args) => refuse(...args);
}
const cp = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) cp[name] = deny('process', `child_process.${name}`);
