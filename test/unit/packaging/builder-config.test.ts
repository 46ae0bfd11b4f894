import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv'
import type { Configuration } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { FUSE_ORDER, packLinuxDir, packWorkDir, productionPackages, PROJECT_FILES, type PackedApp } from './pack-dir'

// An installer cannot be built here (no Electron downloads), so electron-builder.yml is
// checked against electron-builder's own configuration schema, shipped in app-builder-lib;
// and electron-builder itself packs a Linux `dir` build against a stand-in Electron
// (pack-dir.ts), so what goes into the asar, what is unpacked beside it and which fuses are
// flipped are read from its output, not worked out here.

const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Configuration

type TargetEntry = { target: string } | string
const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? (targets as TargetEntry[]) : []).map((t) => (typeof t === 'string' ? t : t.target))

const work = packWorkDir()
let packed: PackedApp
beforeAll(async () => {
  packed = await packLinuxDir(work)
}, 120_000)
// Also when packing failed. (rmSync removes the node_modules link, not what it points to.)
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    const valid = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('would catch a mistake (the schema check is not vacuous)', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } })).toBe(false)
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } })).toBe(false)
    expect(validate({ ...config, windows: {} })).toBe(false)
  })

  it('names the app', () => {
    expect(config.appId).toBe('tw.counter.companion')
    expect(config.productName).toBe('Counter Companion')
    expect(config.nsis?.shortcutName).toBe('會員櫃檯助手')
    expect(config.linux?.desktop?.entry).toMatchObject({ Name: 'Counter Companion', 'Name[zh_TW]': '會員櫃檯助手' })
  })

  it('builds nsis (per-machine choice) and portable for Windows, AppImage and deb for Linux', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis', 'portable'])
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb'])
    // Assisted installer: the user picks "just me" or "everyone" (per machine, elevated), and
    // "everyone" is preselected, so a default install lands where the counter's account cannot write.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, selectPerMachineByDefault: true, allowElevation: true })
  })

  it('sets the Electron fuses, and electron-builder flips them in the executable', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
    // Every fuse as the packed executable says, Electron's default kept where the file is silent.
    expect(Object.keys(packed.fuses)).toEqual([...FUSE_ORDER])
    expect(packed.fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: true,
    })
  })

  it('packs an asar of the build only: no sources, tests, maps, .env or the npm-start launcher', () => {
    expect(config.asar).toBe(true)
    // The project's own files in the asar, as electron-builder chose them from PROJECT_FILES.
    const own = [...packed.asar.keys()].filter((path) => !path.startsWith('node_modules/')).sort()
    expect(own).toEqual([
      'out/main/index.js',
      'out/main/web.js',
      'out/preload/index.cjs',
      'out/renderer/assets/index-abc.js',
      'out/renderer/index.html',
      'package.json',
    ])
    expect(PROJECT_FILES).toEqual(expect.arrayContaining(own.filter((path) => path !== 'package.json')))
  })

  it('packs the whole production dependency tree and none of the renderer\'s or the tools\'', () => {
    const packages = new Set([...packed.asar.keys()].flatMap((path) => /^(node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(path)?.[1] ?? []))
    // Exactly what npm's lock says a production install holds: each direct dependency and what
    // they need in turn (pino's sonic-boom, conf's ajv), and nothing only a tool needs.
    const production = productionPackages()
    expect(production.length).toBeGreaterThan(70)
    expect(production).toEqual(expect.arrayContaining(['node_modules/sonic-boom', 'node_modules/ajv', 'node_modules/abstract-level']))
    expect([...packages].sort()).toEqual(production)
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> }
    // The renderer's and the tools' own packages (all devDependencies) stay out.
    for (const name of ['electron', 'vue', 'vite', 'typescript', 'electron-builder', '@playwright/test']) {
      expect(Object.hasOwn(pkg.devDependencies, name), name).toBe(true)
      expect(packages.has(`node_modules/${name}`), name).toBe(false)
    }
  })

  it('unpacks every native module prebuild from the asar (a .node file cannot load from inside it)', () => {
    const prebuilds = readdirSync('node_modules/classic-level/prebuilds', { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.node'))
      .map((e) => `${e.parentPath}/${e.name}`.replace(/\\/g, '/'))
    const packedNative = [...packed.asar].filter(([path]) => path.endsWith('.node'))
    expect(packedNative.map(([path]) => path).sort()).toEqual(prebuilds.sort())
    for (const [path, entry] of packedNative) {
      expect(entry.unpacked, path).toBe(true)
      expect(readFileSync(join(packed.appOutDir, 'resources', 'app.asar.unpacked', path)).equals(readFileSync(path)), path).toBe(true)
    }
  })

  it('keeps only the zh-TW and en-US Chromium locales', () => {
    expect(readdirSync(join(packed.appOutDir, 'locales')).sort()).toEqual(['en-US.pak', 'zh-TW.pak'])
  })

  it('starts the Linux app under XWayland from its menu entry', () => {
    expect(config.linux?.executableArgs).toEqual(['--ozone-platform=x11'])
  })

  it('uses the committed icons', () => {
    expect(config.win?.icon).toBe('resources/icons/icon.ico')
    expect(config.linux?.icon).toBe('resources/icons/png')
  })
})
