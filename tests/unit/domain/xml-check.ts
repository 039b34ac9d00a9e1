// Strict XML 1.0 well-formedness check for the JUnit export tests (single root, matching tags, unique quoted
// attributes, only the five predefined or numeric entities, no raw '<' or '&', no forbidden characters).
// Returns a small tree so tests can assert decoded content.

export interface XmlNode {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
  text: string
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(s: string, where: string): string {
  if (FORBIDDEN.test(s)) throw new Error(`forbidden character in ${where}`)
  return s.replace(/&([^;]*);?/g, (m, ref: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated entity in ${where}`)
    if (ref in ENTITIES) return ENTITIES[ref] as string
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ref)
    if (!num) throw new Error(`unknown entity &${ref}; in ${where}`)
    const cp = (num[1] as string).startsWith('x') ? parseInt((num[1] as string).slice(1), 16) : parseInt(num[1] as string, 10)
    return String.fromCodePoint(cp)
  })
}

/** Parses `xml` strictly; throws an Error describing the first well-formedness violation. */
export function parseXmlStrict(xml: string): XmlNode {
  let i = 0
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>')
    if (end < 0) throw new Error('unterminated XML declaration')
    i = end + 2
  }
  const stack: XmlNode[] = []
  let root: XmlNode | null = null
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    const text = xml.slice(i, lt < 0 ? xml.length : lt)
    if (text.includes('>') && text.includes(']]>')) throw new Error("']]>' in text")
    const decoded = decode(text, 'text')
    if (stack.length === 0) {
      if (decoded.trim() !== '') throw new Error(`text outside the root element: ${JSON.stringify(decoded.slice(0, 20))}`)
    } else (stack[stack.length - 1] as XmlNode).text += decoded
    if (lt < 0) break
    if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt)
      const name = xml.slice(lt + 2, end).trim()
      const open = stack.pop()
      if (!open || open.name !== name) throw new Error(`close tag </${name}> does not match <${open?.name}>`)
      i = end + 1
      continue
    }
    if (xml.startsWith('<!--', lt)) {
      i = xml.indexOf('-->', lt) + 3
      continue
    }
    let j = lt + 1
    const nm = NAME.exec(xml.slice(j))
    if (!nm) throw new Error(`bad tag name at ${lt}`)
    const node: XmlNode = { name: nm[0], attrs: {}, children: [], text: '' }
    j += nm[0].length
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(j))?.[0].length ?? 0
      j += ws
      if (xml.startsWith('/>', j) || xml[j] === '>') break
      if (ws === 0) throw new Error(`missing space before attribute in <${node.name}>`)
      const an = NAME.exec(xml.slice(j))
      if (!an) throw new Error(`bad attribute in <${node.name}>`)
      j += an[0].length
      if (xml[j] !== '=' || (xml[j + 1] !== '"' && xml[j + 1] !== "'")) throw new Error(`attribute ${an[0]} not quoted`)
      const q = xml[j + 1] as string
      const close = xml.indexOf(q, j + 2)
      const raw = xml.slice(j + 2, close)
      if (raw.includes('<')) throw new Error(`'<' in attribute ${an[0]}`)
      if (an[0] in node.attrs) throw new Error(`duplicate attribute ${an[0]} in <${node.name}>`)
      node.attrs[an[0]] = decode(raw, `attribute ${an[0]}`)
      j = close + 1
    }
    const selfClose = xml.startsWith('/>', j)
    if (stack.length > 0) (stack[stack.length - 1] as XmlNode).children.push(node)
    else if (root) throw new Error('second root element')
    else root = node
    if (!selfClose) stack.push(node)
    i = j + (selfClose ? 2 : 1)
  }
  if (stack.length > 0) throw new Error(`unclosed <${(stack[stack.length - 1] as XmlNode).name}>`)
  if (!root) throw new Error('no root element')
  return root
}
