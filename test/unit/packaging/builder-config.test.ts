import { readdirSync, readFileSync } from 'node:fs'
import { matchesGlob } from 'node:path'
import Ajv from 'ajv'
import type { Configuration } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// An installer cannot be built here (no Electron downloads), so electron-builder.yml is
// checked against electron-builder's own configuration schema, shipped in app-builder-lib,
// plus the rules the packaging must keep.

const schema = JSON.parse(readFileSync('node_modules/app-builder-lib/scheme.json', 'utf8')) as object
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Configuration

type TargetEntry = { target: string } | string
const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? (targets as TargetEntry[]) : []).map((t) => (typeof t === 'string' ? t : t.target))

/** electron-builder's `files` rule: patterns in order, the last one that matches decides. */
function packaged(path: string): boolean {
  const patterns = (config.files ?? []) as string[]
  let included = false
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    if (matchesGlob(path, negated ? pattern.slice(1) : pattern)) included = !negated
  }
  return included
}

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

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it('packs an asar of the build only: no sources, tests, maps or .env', () => {
    expect(config.asar).toBe(true)
    for (const path of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'package.json']) {
      expect(packaged(path), path).toBe(true)
    }
    for (const path of [
      'src/main.ts',
      'src/App.vue',
      'electron/main/index.ts',
      'test/unit/main/shell.test.ts',
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.js.map',
      '.env',
      '.env.local',
      'out/.env',
      'resources/icons/icon.svg',
      'electron-builder.yml',
      'tsconfig.json',
    ]) {
      expect(packaged(path), path).toBe(false)
    }
  })

  it('unpacks every native module prebuild from the asar (a .node file cannot load from inside it)', () => {
    const unpacked = ([] as string[]).concat((config.asarUnpack as string[] | string | undefined) ?? [])
    const prebuilds = readdirSync('node_modules/classic-level/prebuilds', { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.node'))
      .map((e) => `${e.parentPath}/${e.name}`.replace(/\\/g, '/'))
    expect(prebuilds.length).toBeGreaterThan(0)
    for (const file of prebuilds) expect(unpacked.some((glob) => matchesGlob(file, glob)), file).toBe(true)
  })

  it('starts the Linux app under XWayland from its menu entry', () => {
    expect(config.linux?.executableArgs).toEqual(['--ozone-platform=x11'])
  })

  it('uses the committed icons', () => {
    expect(config.win?.icon).toBe('resources/icons/icon.ico')
    expect(config.linux?.icon).toBe('resources/icons/png')
  })
})
