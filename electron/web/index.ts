import { runBrowserModeOrExit } from './start'

// `npm run web`: the app without Electron.
runBrowserModeOrExit()
