import { runBrowserMode } from './start'

// `npm run web`: the app without Electron.
runBrowserMode().catch((e: unknown) => {
  console.error(`Browser mode could not start: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
