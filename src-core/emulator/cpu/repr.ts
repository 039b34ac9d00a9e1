// V8 field representations. A number field that V8 first saw hold small integers (int32 on 64-bit Node) and that
// later gets any other number (an address at or above 2^31, an unsigned word, a fraction) changes the hidden class
// of its objects, and V8 drops the optimized code of every function that has seen one: for the CPU the interpreter,
// its handlers and every translated block; for the translator's records the translator. A pool worker then
// recompiled them in whichever kernel first made such a store (upstream edat: its DAT exceptions above 2^32).
// Fields that will hold such numbers get a double from the start (cpu.ts settleFields for the CPU; DOUBLE for small
// records).

/** Not an integer: a number field first given this value holds doubles from the start. */
export const DOUBLE = 0.5
