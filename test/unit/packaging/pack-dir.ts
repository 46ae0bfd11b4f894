// Runs electron-builder itself — its file selection, asar packing, asarUnpack, language
// pruning and fuse flipping — on a small copy of this project, against a stand-in Electron:
// Electron's zip cannot be downloaded here, so `electronDist` points at a folder whose
// "binary" is just Electron's fuse wire (the bytes @electron/fuses looks for and rewrites).

import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { build, Platform } from 'electron-builder'

/** @electron/fuses' marker; the wire follows it: version byte, length byte, one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** The fuse wire's order (FuseV1Options in @electron/fuses). */
export const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const
/** Electron's own defaults ('1' on, '0' off): what an unflipped binary says. */
const ELECTRON_DEFAULT_WIRE = '10110001'
/** Locale packs the stand-in ships, as Electron ships dozens; electronLanguages prunes them. */
const SHIPPED_LOCALES = ['de.pak', 'en-US.pak', 'fr.pak', 'zh-TW.pak']

/** Files a project checkout holds beside the build: what the packaged app must or must not carry. */
export const PROJECT_FILES = [
  'out/main/index.js',
  'out/main/index.js.map',
  'out/main/launch.js',
  'out/main/web.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'out/renderer/assets/index-abc.js',
  'out/renderer/assets/index-abc.js.map',
  'out/.env',
  '.env',
  '.env.local',
  'src/main.ts',
  'src/App.vue',
  'electron/main/index.ts',
  'test/unit/main/shell.test.ts',
  'resources/icons/icon.svg',
  'tsconfig.json',
]

export interface PackedApp {
  /** linux-unpacked: the folder an installer would hold. */
  appOutDir: string
  /** Every path inside resources/app.asar (no leading slash), and whether it is stored unpacked beside it. */
  asar: Map<string, { unpacked: boolean }>
  /** The fuse states electron-builder wrote into the executable, by name. */
  fuses: Record<(typeof FUSE_ORDER)[number], boolean>
}

type AsarNode = { files?: Record<string, AsarNode>; unpacked?: boolean }

/** The asar's table of contents: a pickled JSON header after 16 bytes (the format @electron/asar writes). */
function asarEntries(file: string): Map<string, { unpacked: boolean }> {
  const bytes = readFileSync(file)
  const header = JSON.parse(bytes.subarray(16, 16 + bytes.readUInt32LE(12)).toString('utf8')) as AsarNode
  const out = new Map<string, { unpacked: boolean }>()
  const walk = (node: AsarNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix + name
      if (child.files) walk(child, `${path}/`)
      else out.set(path, { unpacked: child.unpacked === true })
    }
  }
  walk(header, '')
  return out
}

function readFuses(executable: string): PackedApp['fuses'] {
  const bytes = readFileSync(executable)
  const at = bytes.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length
  const wire = bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1')
  return Object.fromEntries(FUSE_ORDER.map((name, i) => [name, wire[i] === '1'])) as PackedApp['fuses']
}

type LockPackage = { dev?: boolean; devOptional?: boolean; optional?: boolean }

/**
 * The packages a production install holds, by their node_modules path, from package-lock.json:
 * npm marks every package only the tools need `dev` (or `devOptional`, needed by a tool or as an
 * optional peer). What the packed app must carry, read from npm's lock, not from electron-builder.
 */
export function productionPackages(root = process.cwd()): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> }
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional && !entry.optional)
    .map(([path]) => path)
    .sort()
}

/** A temporary folder for packLinuxDir; the caller removes it, whether packing worked or not. */
export const packWorkDir = (): string => mkdtempSync(join(tmpdir(), 'cc-pack-'))

/**
 * Packs, in `work`, a Linux `dir` build of a copy of this project: package.json, its lock,
 * electron-builder.yml and a production install (the lock's production packages, copied). Not a
 * link to the checkout's node_modules: through a link npm calls every package extraneous,
 * `npm ls` fails, and electron-builder then packs the direct dependencies alone.
 */
export async function packLinuxDir(work: string, root = process.cwd()): Promise<PackedApp> {
  const project = join(work, 'project')
  const electronDist = join(work, 'electron-dist')
  mkdirSync(join(electronDist, 'locales'), { recursive: true })
  writeFileSync(
    join(electronDist, 'electron'),
    Buffer.concat([Buffer.from('stand-in for the electron binary\0'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from(ELECTRON_DEFAULT_WIRE)]),
    { mode: 0o755 },
  )
  for (const pak of SHIPPED_LOCALES) writeFileSync(join(electronDist, 'locales', pak), 'pak')

  for (const file of PROJECT_FILES) {
    mkdirSync(dirname(join(project, file)), { recursive: true })
    writeFileSync(join(project, file), `// ${file}\n`)
  }
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) copyFileSync(join(root, file), join(project, file))
  for (const path of productionPackages(root)) cpSync(resolve(root, path), join(project, path), { recursive: true, verbatimSymlinks: true })
  const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version

  await build({
    projectDir: project,
    targets: Platform.LINUX.createTarget('dir'),
    // Only what this machine lacks is overridden: the Electron download and where output goes
    // (and Electron's version, which the production install does not hold).
    config: { electronDist, electronVersion, directories: { output: join(work, 'dist') } },
    publish: 'never',
  })
  const appOutDir = join(work, 'dist', 'linux-unpacked')
  return {
    appOutDir,
    asar: asarEntries(join(appOutDir, 'resources', 'app.asar')),
    fuses: readFuses(join(appOutDir, 'counter-companion')),
  }
}
