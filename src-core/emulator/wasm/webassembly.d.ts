// The part of the JavaScript WebAssembly API the emulator uses (src-core/emulator/wasm/): our TypeScript
// configuration has neither the DOM library nor typings of it in @types/node, and Node and Electron provide it.
declare namespace WebAssembly {
  type ImportValue = ((...args: never[]) => unknown) | Memory | number
  type Imports = Record<string, Record<string, ImportValue>>
  type Exports = Record<string, ((...args: never[]) => unknown) | Memory>
  interface MemoryDescriptor {
    initial: number
    maximum?: number
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor)
    readonly buffer: ArrayBuffer
    grow(delta: number): number
  }
  class Module {
    constructor(bytes: BufferSource)
  }
  class Instance {
    constructor(module: Module, imports?: Imports)
    readonly exports: Exports
  }
  function validate(bytes: BufferSource): boolean
}
