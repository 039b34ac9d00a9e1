// Saves text the UI produced (exports) as a file through the browser's download.

/** Offers `text` as a file named `name` of MIME type `type`. */
export function download(name: string, type: string, text: string): void {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([text], { type }))
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 1000)
}
