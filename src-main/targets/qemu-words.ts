// Splits `qemu_params` into argv words the way a POSIX shell would (quotes, backslashes), without invoking one.

/** `qemu_params` that cannot be split without a shell (unterminated quote, command substitution). */
export class QemuParamsError extends Error {
  override name = 'QemuParamsError'
}

/** Shell-like word splitting of a qemu_params value; throws QemuParamsError naming the problem. */
export function splitQemuWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new QemuParamsError(`qemu_params: unterminated ' quote in '${text}'`)
      word += text.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (c === '"') {
      i++
      inWord = true
      for (;;) {
        if (i >= text.length) throw new QemuParamsError(`qemu_params: unterminated " quote in '${text}'`)
        const d = text[i] as string
        if (d === '"') break
        if (d === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string)) {
          word += text[i + 1]
          i += 2
          continue
        }
        if (d === '`' || (d === '$' && text[i + 1] === '(')) throw new QemuParamsError(`qemu_params: command substitution is not supported in '${text}'`)
        word += d
        i++
      }
      i++
    } else if (c === '\\') {
      if (i + 1 < text.length) {
        if (text[i + 1] !== '\n') word += text[i + 1]
        inWord = true
      }
      i += 2
    } else if (c === '`' || (c === '$' && text[i + 1] === '(')) {
      throw new QemuParamsError(`qemu_params: command substitution is not supported in '${text}'`)
    } else {
      word += c
      inWord = true
      i++
    }
  }
  if (inWord) words.push(word)
  return words
}
