// The emulator's version: its level in every builtin result. A leaf, so that the CLI and the service can name the
// level without loading the emulator itself (that runs in worker threads).

/** Version of the built-in emulator (the `builtin` environment's level). */
export const EMULATOR_VERSION = 'labcon-s390x-emu 0.2.0'
