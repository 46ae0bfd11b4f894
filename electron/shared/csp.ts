// The renderer's Content-Security-Policy, in one place: injected as a <meta> into the
// built index.html (Electron loads it from file://, where no header can be set) and sent
// as a header by browser mode (which also honours frame-ancestors, ignored in <meta>).
// The renderer talks to nothing but its own host: member pictures are the only remote
// content, as images.
const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: https:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-src': "'none'",
  'worker-src': "'none'",
  'manifest-src': "'none'",
  'media-src': "'self' data:",
  'frame-ancestors': "'none'",
}

export function cspHeader(): string {
  return Object.entries(CSP_DIRECTIVES)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ')
}

/** The <meta> form drops directives browsers ignore there. */
export function cspMeta(): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([k]) => k !== 'frame-ancestors')
    .map(([k, v]) => `${k} ${v}`)
    .join('; ')
}
