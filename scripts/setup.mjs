#!/usr/bin/env node
/**
 * One-step set-up behind `npm start` and `npm test`: installs what is missing, says exactly what to do when it
 * cannot. Plain Node (no dependencies), because it runs before `npm install`.
 *
 *   node scripts/setup.mjs start   npm dependencies
 *   node scripts/setup.mjs test    npm dependencies + Debian's chromium and the Python packages tests compare with
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv[2] ?? 'test';

/** Debian packages the browser and numerical-reference tests need, with the check that proves each is there. */
const debianNeeds = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'python3-numpy', present: () => pythonHas('numpy') },
  { pkg: 'python3-h5py', present: () => pythonHas('h5py') },
  { pkg: 'python3-biopython', present: () => pythonHas('Bio.PDB') },
  { pkg: 'python3-gemmi', present: () => pythonHas('gemmi') },
  // The FoldTree2 hand-over script's test loads exported weights strictly into PyTorch modules; Debian's torch
  // needs an OpenBLAS build it only recommends, so both are named.
  { pkg: 'python3-torch libopenblas0-pthread', present: () => pythonHas('torch') },
];

function pythonHas(module) {
  if (!existsSync('/usr/bin/python3')) return false;
  return spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args) {
  console.log(`[setup] ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function npmDependenciesCurrent() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return false;
  const installed = statSync(marker).mtimeMs;
  return ['package.json', 'package-lock.json'].every(
    (f) => !existsSync(join(root, f)) || statSync(join(root, f)).mtimeMs <= installed,
  );
}

function ensureNpmDependencies() {
  if (npmDependenciesCurrent()) return;
  const hasLock = existsSync(join(root, 'package-lock.json'));
  run('npm', [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund']);
}

function ensureDebianPackages() {
  const missing = debianNeeds.filter((need) => !need.present()).flatMap((need) => need.pkg.split(' '));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `[setup] missing Debian packages: ${missing.join(' ')}\n[setup] install them with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  const stillMissing = debianNeeds.filter((need) => !need.present()).map((need) => need.pkg);
  if (stillMissing.length > 0) {
    console.error(`[setup] still missing after apt-get: ${stillMissing.join(' ')}`);
    process.exit(1);
  }
}

ensureNpmDependencies();
if (purpose === 'test') ensureDebianPackages();
