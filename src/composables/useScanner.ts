import { onBeforeUnmount, onMounted } from 'vue'
import { DEFAULT_SCANNER_SETTINGS } from '../scanner/detector'
import { attachScanner } from '../scanner/dom-binding'
import { FEEDBACK_DELAY_MS } from './useDelayedFlag'
import { useAppStore } from '../stores/app'
import { useScanStore } from '../stores/scan'

let audio: AudioContext | null = null

/** A short, quiet confirmation beep (optional, off by default). */
function beep(): void {
  try {
    audio ??= new AudioContext()
    const osc = audio.createOscillator()
    const gain = audio.createGain()
    osc.frequency.value = 1760
    gain.gain.value = 0.08
    osc.connect(gain).connect(audio.destination)
    osc.start()
    osc.stop(audio.currentTime + 0.07)
  } catch {
    /* no audio device: the visual flash is enough */
  }
}

// One keyboard-wedge detector for the whole window, whatever has focus.
export function useScanner(): void {
  const app = useAppStore()
  const scan = useScanStore()
  let detach: (() => void) | null = null
  onMounted(() => {
    detach = attachScanner(
      window,
      () => scan.trial ?? app.settings?.scanner ?? DEFAULT_SCANNER_SETTINGS,
      (value, took) => {
        const beeps = (scan.trial ?? app.settings?.scanner)?.beep === true
        const routed = scan.route(value, took)
        if (beeps) beep()
        return { settled: routed.settled ?? undefined, show: () => void routed.show() }
      },
      { holdMs: FEEDBACK_DELAY_MS },
    )
  })
  onBeforeUnmount(() => detach?.())
}
