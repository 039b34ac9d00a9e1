// The app proper, loaded by the entry script (main.ts): mounts the Svelte app.
import { mount } from 'svelte'
import App from './App.svelte'

/** Mounts the console into `target`. */
export function start(target: HTMLElement): void {
  mount(App, { target })
}
