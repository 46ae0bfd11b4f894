// happy-dom has no 2D canvas; JsBarcode measures text with one when displayValue is on.
if (typeof HTMLCanvasElement !== 'undefined') {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    value() {
      return {
        font: '',
        measureText: (text: string) => ({ width: text.length * 8 }),
        fillRect() {},
        fillText() {},
      }
    },
  })
}
