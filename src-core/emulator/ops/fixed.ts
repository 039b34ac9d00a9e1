// General instructions on registers (POP ch. 7), one module per concern matching tests/isa: binary arithmetic,
// logical, load/store, compare, shift/rotate. The instruction table imports them through this one namespace.
export * from './fixed/arith.ts'
export * from './fixed/logical.ts'
export * from './fixed/load-store.ts'
export * from './fixed/compare.ts'
export * from './fixed/shift-rotate.ts'
