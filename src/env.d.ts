/// <reference types="vite/client" />
import type { PosApi } from '@shared/bridge'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode (see src/api.ts). */
    pos?: PosApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
